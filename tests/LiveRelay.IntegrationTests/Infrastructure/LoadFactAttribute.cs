namespace LiveRelay.IntegrationTests.Infrastructure;

/// <summary>A test that runs only when <c>LIVERELAY_LOAD=1</c>: long runs at real rates, not part of every test run.</summary>
public sealed class LoadFactAttribute : FactAttribute
{
    public const string Variable = "LIVERELAY_LOAD";

    public LoadFactAttribute()
    {
        if (Environment.GetEnvironmentVariable(Variable) != "1")
        {
            Skip = $"A load run: set {Variable}=1 to run it.";
        }
    }
}
