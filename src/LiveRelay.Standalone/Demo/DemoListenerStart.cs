namespace LiveRelay.Standalone.Demo;

/// <summary>A started demo server, and the default address it could not have because something else listens there.</summary>
internal sealed record DemoListenerStart(WebApplication App, Uri? TakenDefault);
