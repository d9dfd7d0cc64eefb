namespace LiveRelay.AlibabaCloud.Messaging;

/// <summary>One broken rule: the API parameter it concerns and the rule, in words. Never the value itself.</summary>
public sealed record ValidationFailure(string Field, string Rule)
{
    public override string ToString() => $"{Field}: {Rule}";
}
