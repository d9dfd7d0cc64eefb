using System.Diagnostics;
using LiveRelay.Harness;
using LiveRelay.Harness.Cost;
using LiveRelay.Harness.Hosting;
using LiveRelay.Harness.Hostile;
using LiveRelay.Harness.Reporting;
using LiveRelay.Harness.Scenarios;

if (args.Length > 0 && args[0] == BaselineEndpoint.Command)
{
    await BaselineEndpoint.RunAsync(args[1..]);
    return 0;
}

if (args.Length > 0 && args[0] == FloorProgram.Command)
{
    await FloorProgram.RunAsync(args[1..]);
    return 0;
}

HarnessCommand command;
try
{
    command = HarnessCommand.Parse(args);
}
catch (ArgumentException ex)
{
    Console.Error.WriteLine(ex.Message);
    return 2;
}

// Every run is bounded; this bounds them all, and Ctrl+C stops them (child processes are killed on the way out).
var timeLimit = TimeSpan.FromMinutes(command.Runs.Contains("fleet") ? 60 : 30);
using var cancellation = new CancellationTokenSource(timeLimit);
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    cancellation.Cancel();
};

Directory.CreateDirectory(command.OutputDirectory);
var context = new RunContext(command.OutputDirectory, Console.Out);
var clock = Stopwatch.StartNew();
var loadAverage = HarnessResults.ReadLoadAverage();
context.Say($"LiveRelay harness: {string.Join(", ", HarnessCommand.AllRuns.Concat(HarnessCommand.NamedRuns).Where(command.Runs.Contains))}; report in {command.OutputDirectory}");
var token = cancellation.Token;
HostileRunResult? hostile = null;
LoadResult? load = null;
FanOutResult? fanOut = null;
FaultSoakResult? soak = null;
FleetResult? fleet = null;
IReadOnlyList<CostMeasurement>? cost = null;
IReadOnlyList<ColdStartResult>? coldStart = null;
try
{
    hostile = command.Runs.Contains("hostile") ? await new HostileScenario(context).RunAsync(token) : null;
    load = command.Runs.Contains("load") ? await new LoadScenario(context, new LoadOptions()).RunAsync(token) : null;
    cost = command.Runs.Contains("cost")
        ? await new CostScenario(context, (command.Short ? CostOptions.Short : CostOptions.Full) with
        {
            Repeats = command.Repeats,
            Backlogs = command.Backlogs ?? (command.Short ? CostOptions.Short : CostOptions.Full).Backlogs,
        }).RunAsync(token)
        : null;
    coldStart = command.Runs.Contains("coldstart") ? await new ColdStartScenario(context, command.Repeats).RunAsync(token) : null;
    fanOut = command.Runs.Contains("fanout") ? await new FanOutScenario(context, command.Recipients, command.FanOutOnAzurite).RunAsync(token) : null;
    soak = command.Runs.Contains("soak")
        ? await new FaultSoakScenario(context, command.Short ? FaultSoakOptions.Short : FaultSoakOptions.Full).RunAsync(token)
        : null;
    fleet = command.Runs.Contains("fleet")
        ? await new FleetScenario(context, (command.Short ? FleetOptions.Short : FleetOptions.Full).Only(command.FleetCases)).RunAsync(token)
        : null;
}
catch (OperationCanceledException) when (token.IsCancellationRequested)
{
    // Every process the runs started is stopped by now; the report says what finished.
    context.Say($"stopped (Ctrl+C or the {timeLimit.TotalMinutes:0}-minute limit) before every run finished");
}

var results = new HarnessResults(load, fanOut, soak, hostile, clock.Elapsed) { LoadAverageAtStart = loadAverage, Fleet = fleet, Cost = cost, ColdStart = coldStart };
var report = MarkdownReport.Write(command.OutputDirectory, results, GitCommit.Current());
context.Say(results.Held ? "every checked promise held" : "A PROMISE WAS BROKEN: see the report");
Console.WriteLine();
if (cost is not null)
{
    Console.WriteLine(CostReport.Table(cost));
}

if (coldStart is not null)
{
    Console.WriteLine(CostReport.ColdStartTable(coldStart));
}

if (fleet is not null)
{
    Console.WriteLine(FleetReport.Table(fleet));
}

Console.WriteLine($"Report folder: {command.OutputDirectory}");
Console.WriteLine($"Report:        {report}");
return token.IsCancellationRequested ? 130 : results.Held ? 0 : 1;
