using System.Net;
using LiveRelay.AlibabaCloud.Client;

namespace LiveRelay.AlibabaCloud.Tests.Client;

public sealed class LiveApiErrorClassifierTests
{
    [Theory]
    [InlineData(HttpStatusCode.BadRequest, "Throttling", LiveApiErrorKind.Throttled)]
    [InlineData(HttpStatusCode.BadRequest, "Throttling.User", LiveApiErrorKind.Throttled)]
    [InlineData(HttpStatusCode.Forbidden, "Throttling.Api", LiveApiErrorKind.Throttled)]
    [InlineData(HttpStatusCode.InternalServerError, "Throttling", LiveApiErrorKind.Throttled)]
    [InlineData(HttpStatusCode.TooManyRequests, "Http429", LiveApiErrorKind.Throttled)]
    [InlineData(HttpStatusCode.InternalServerError, "InternalError", LiveApiErrorKind.Transient)]
    [InlineData(HttpStatusCode.InternalServerError, "ServerError", LiveApiErrorKind.Transient)]
    [InlineData(HttpStatusCode.ServiceUnavailable, "ServiceUnavailable", LiveApiErrorKind.Transient)]
    [InlineData(HttpStatusCode.BadRequest, "ServiceUnavailable", LiveApiErrorKind.Transient)]
    [InlineData(HttpStatusCode.GatewayTimeout, "Http504", LiveApiErrorKind.Transient)]
    [InlineData(HttpStatusCode.Forbidden, "NoAuth", LiveApiErrorKind.Authentication)]
    [InlineData(HttpStatusCode.NotFound, "InvalidAccessKeyId.NotFound", LiveApiErrorKind.Authentication)]
    [InlineData(HttpStatusCode.BadRequest, "InvalidAccessKeyId", LiveApiErrorKind.Authentication)]
    [InlineData(HttpStatusCode.BadRequest, "SignatureDoesNotMatch", LiveApiErrorKind.Authentication)]
    [InlineData(HttpStatusCode.BadRequest, "InvalidSecurityToken.Expired", LiveApiErrorKind.Authentication)]
    [InlineData(HttpStatusCode.BadRequest, "InputInvalid", LiveApiErrorKind.Permanent)]
    [InlineData(HttpStatusCode.NotFound, "ResourceNotExist", LiveApiErrorKind.Permanent)]
    [InlineData(HttpStatusCode.NotFound, "Http404", LiveApiErrorKind.Permanent)]
    [InlineData(HttpStatusCode.BadRequest, null, LiveApiErrorKind.Permanent)]
    public void Codes_decide_before_statuses(HttpStatusCode status, string? code, LiveApiErrorKind expected)
    {
        Assert.Equal(expected, LiveApiErrorClassifier.Classify(status, code));
    }
}
