namespace LiveRelay.Queues;

/// <summary>The result of a visibility update: the pop receipt to use from now on.</summary>
public sealed record UpdateReceipt(string PopReceipt, DateTimeOffset NextVisibleOn);
