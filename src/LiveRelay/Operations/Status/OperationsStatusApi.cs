using LiveRelay.Intake.Http;
using LiveRelay.Operations.Access;
using LiveRelay.Operations.Http;

namespace LiveRelay.Operations.Status;

/// <summary><c>GET …/status</c> as both hosts answer it: the admin key decides, like the rest of the admin API.</summary>
public sealed class OperationsStatusApi(AdminKeyVerifier keys, OperationsStatusService status)
{
    /// <summary>200 with the <see cref="OperationsStatus"/> JSON, or the admin API's 401 / 403 / 503 problem.</summary>
    public async Task<IntakeHttpResponse> GetAsync(AdminCaller caller, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(caller);
        if (AdminResponses.ForAccess(await keys.VerifyAsync(caller.Key, caller.IsLoopback, cancellationToken).ConfigureAwait(false)) is { } refused)
        {
            return refused;
        }

        return OperationsResponses.Status(await status.GetAsync(cancellationToken).ConfigureAwait(false));
    }
}
