using LiveRelay.Harness.Hostile;

namespace LiveRelay.Harness.Tests;

/// <summary>
/// Issue 8's hostile-input promise, case by case: every input in tests/hostile gets a 4xx (or is parked in its poison
/// queue with a reason), never a 5xx, and none puts anything on live-messages or reaches the Live API.
/// </summary>
public sealed class HostileCorpusTests(HostileCorpusFixture corpus) : IClassFixture<HostileCorpusFixture>
{
    public static TheoryData<string> CaseIds()
    {
        var data = new TheoryData<string>();
        foreach (var hostile in HostileCorpus.Load())
        {
            data.Add(hostile.Id);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(CaseIds))]
    public void Each_case_is_refused_without_side_effects(string id)
    {
        var result = corpus.Result.Cases.Single(c => c.Case.Id == id);

        Assert.True(result.Passed, $"{result.Case.About}: {result}");
    }

    [Fact]
    public void The_corpus_covers_every_endpoint_and_both_queues_with_at_least_100_cases()
    {
        var cases = corpus.Result.Cases.Select(static c => c.Case).ToList();

        Assert.True(cases.Count >= 100, $"{cases.Count} cases");
        Assert.Contains(cases, static c => c.Kind == HostileCaseKind.Http && c.Path.StartsWith("/api/webhooks/", StringComparison.Ordinal) && c.Method == "POST");
        Assert.Contains(cases, static c => c.Kind == HostileCaseKind.Http && c.Path.StartsWith("/api/webhooks/", StringComparison.Ordinal) && c.Method == "OPTIONS");
        Assert.Contains(cases, static c => c.Kind == HostileCaseKind.Http && c.Path.StartsWith("/api/messages", StringComparison.Ordinal));
        Assert.Contains(cases, static c => c.Kind == HostileCaseKind.Http && c.Path.StartsWith("/api/health", StringComparison.Ordinal));
        Assert.Contains(cases, static c => c.Kind == HostileCaseKind.Queue && c.Queue == "live-events");
        Assert.Contains(cases, static c => c.Kind == HostileCaseKind.Queue && c.Queue == "live-messages");
        foreach (var mode in HostileCase.SignatureModes.Where(static m => m != "valid"))
        {
            Assert.Contains(cases, c => c.Signature == mode);
        }
    }

    [Fact]
    public void Across_the_whole_corpus_nothing_was_queued_for_delivery_and_the_api_was_never_called()
    {
        Assert.Equal(0, corpus.Result.MessagesQueued);
        Assert.Equal(0, corpus.Result.ApiCalls);
    }
}
