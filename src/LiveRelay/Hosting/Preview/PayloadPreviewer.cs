using LiveRelay.Intake;
using LiveRelay.Intake.Http;
using LiveRelay.Intake.Results;
using LiveRelay.Intake.Verification;
using LiveRelay.Messages;

namespace LiveRelay.Hosting.Preview;

/// <summary>
/// Renders a webhook payload through a source's verification and rules as <c>POST /api/webhooks/{source}</c> would,
/// without sending or queuing anything: the message requests it would produce, or the exact problem the endpoint would
/// answer. It runs the endpoint's own intake (<see cref="IntakeService"/>) and queue-size check, so a preview cannot
/// differ from the real path. Time-stamped signatures must be fresh, as for the endpoint.
/// </summary>
public sealed class PayloadPreviewer
{
    private readonly IntakeService _intake;

    public PayloadPreviewer(IntakeService intake)
    {
        _intake = intake ?? throw new ArgumentNullException(nameof(intake));
    }

    /// <summary>Previews one payload. Caller mistakes (unknown source, bad signature, unmappable event) are results, not exceptions.</summary>
    public async Task<PayloadPreview> PreviewAsync(PayloadPreviewRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var scheme = _intake.SchemeOf(request.Source);
        var result = await _intake.AcceptWebhookAsync(
            request.Source, request.Headers, request.ContentType, request.Body, request.SkipVerification, cancellationToken).ConfigureAwait(false);

        IReadOnlyList<MessageEnvelope> messages = [];
        var answer = IntakeHttpMapper.ToResponse(result);
        if (result is IntakeAccepted accepted)
        {
            if (accepted.Delivery == DeliveryMode.Queued && QueueMessageFit.FindTooLarge(accepted.Envelopes) is { } tooLarge)
            {
                answer = RelayResponses.MessageTooLarge(accepted.Source, QueueMessageFit.Describe(tooLarge));
            }
            else
            {
                messages = accepted.Envelopes;
            }
        }

        return new PayloadPreview { Result = result, Verification = VerificationOf(scheme, request.SkipVerification, result), Answer = answer, Messages = messages };
    }

    private static PreviewVerification VerificationOf(VerificationScheme? scheme, bool skipped, IntakeResult result) => scheme switch
    {
        null => PreviewVerification.NotChecked,
        VerificationScheme.None => PreviewVerification.NotRequired,
        _ when skipped => PreviewVerification.Skipped,
        _ => result is IntakeRejected rejected ? rejected.Kind switch
        {
            IntakeRejectionKind.SignatureInvalid or IntakeRejectionKind.VerificationUnavailable => PreviewVerification.Failed,
            IntakeRejectionKind.PayloadTooLarge => PreviewVerification.NotChecked,
            _ => PreviewVerification.Verified,
        } : PreviewVerification.Verified,
    };
}
