namespace LiveRelay.Hosting.Startup;

/// <summary>
/// One reason the app cannot start: where (a configuration path such as <c>LiveRelay:Sources:shop:Rules:0:Filter</c>,
/// or null when no single setting is at fault), what is wrong, and how to fix it. Never holds a secret's value.
/// </summary>
public sealed record StartupProblem(string? Path, string Problem, string Fix);
