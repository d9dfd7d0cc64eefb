using System.Net;
using Azure;
using Azure.Identity;

namespace LiveRelay.Queues.AzureStorage;

/// <summary>
/// Turns what the Azure SDK throws into the <see cref="MessageQueueException"/> codes the queue processor decides by:
/// the service's own error code, or ours when no answer arrived (<see cref="QueueErrorCodes.ConnectionFailed"/>,
/// <see cref="QueueErrorCodes.Timeout"/>, <see cref="QueueErrorCodes.CredentialUnavailable"/>). Only the first line of
/// the service's message is kept: the SDK's full text lists headers and content.
/// </summary>
internal static class QueueFailure
{
    /// <returns>Null for what is not a queue failure (the caller's own cancellation, argument errors): rethrown as it is.</returns>
    public static MessageQueueException? Classify(string queueName, string operation, Uri queueUri, Exception exception, CancellationToken cancellationToken)
    {
        // The SDK's retry policy gives up with every attempt's exception; the last one says how it ended.
        var last = exception is AggregateException { InnerExceptions.Count: > 0 } all ? all.InnerExceptions[^1] : exception;
        switch (last)
        {
            case RequestFailedException { Status: > 0 } failed:
                return FromService(queueName, operation, failed);
            case AuthenticationFailedException credential:
                return new MessageQueueException(
                    queueName, operation, QueueErrorCodes.CredentialUnavailable,
                    $"No token for the storage account from the configured credential: {credential.GetType().Name}.", innerException: exception);
            case OperationCanceledException when !cancellationToken.IsCancellationRequested:
                return new MessageQueueException(
                    queueName, operation, QueueErrorCodes.Timeout, $"The queue service at {queueUri.Authority} did not answer in time.", innerException: exception);
            case RequestFailedException or HttpRequestException:
                var error = (last.InnerException as HttpRequestException ?? last as HttpRequestException)?.HttpRequestError;
                return new MessageQueueException(
                    queueName, operation, QueueErrorCodes.ConnectionFailed,
                    $"The queue service at {queueUri.Authority} could not be reached: {error?.ToString() ?? last.GetType().Name}.", innerException: exception);
            default:
                return null;
        }
    }

    private static MessageQueueException FromService(string queueName, string operation, RequestFailedException failed)
    {
        var code = string.IsNullOrEmpty(failed.ErrorCode) ? $"Http{failed.Status}" : failed.ErrorCode;
        var message = failed.Message.Split('\n', 2)[0].Trim();
        if (message.Length == 0)
        {
            message = $"The queue service answered HTTP {failed.Status}.";
        }

        if (code is QueueErrorCodes.AuthenticationFailed or QueueErrorCodes.AuthorizationFailure)
        {
            message += " Check the account name and key, or the identity's role on the queue (Storage Queue Data Contributor).";
        }

        var requestId = failed.GetRawResponse()?.Headers.RequestId;
        return new MessageQueueException(queueName, operation, code, message, (HttpStatusCode)failed.Status, requestId, failed);
    }
}
