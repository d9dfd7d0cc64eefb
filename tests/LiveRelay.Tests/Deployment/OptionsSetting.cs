namespace LiveRelay.Tests.Deployment;

/// <summary>One configuration key an options class binds, and the property that reads it.</summary>
/// <param name="Key">The key with ':' separators, e.g. <c>LiveRelay:AlibabaCloud:Endpoint</c>.</param>
/// <param name="ReadBy">Type and property path, e.g. <c>LiveRelay.AlibabaCloud.Client.AlibabaCloudOptions.Endpoint</c>.</param>
/// <param name="IsList">A list of simple values, bound from indexed keys (<c>Key:0</c>, <c>Key:1</c>, ...).</param>
internal sealed record OptionsSetting(string Key, string ReadBy, bool IsList);
