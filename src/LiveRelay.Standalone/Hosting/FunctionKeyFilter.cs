using System.Security.Cryptography;
using System.Text;
using LiveRelay.Intake.Http;
using Microsoft.Extensions.Options;

namespace LiveRelay.Standalone.Hosting;

/// <summary>The Functions host's function-level authorization: a configured key in <c>x-functions-key</c> or <c>?code=</c>.</summary>
internal sealed class FunctionKeyFilter(IOptions<FunctionKeysOptions> options) : IEndpointFilter
{
    public const string HeaderName = "x-functions-key";

    private readonly byte[][] _keys = options.Value.Keys.Values
        .Where(static key => !string.IsNullOrEmpty(key))
        .Select(static key => SHA256.HashData(Encoding.UTF8.GetBytes(key)))
        .ToArray();

    public bool IsOpen => _keys.Length == 0;

    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        if (IsOpen || IsAuthorized(context.HttpContext.Request))
        {
            return await next(context).ConfigureAwait(false);
        }

        return Results.Json(
            new
            {
                type = "urn:liverelay:problem:unauthorized",
                title = "Unauthorized",
                status = StatusCodes.Status401Unauthorized,
                detail = $"A valid function key is required in the '{HeaderName}' header or the 'code' query parameter.",
            },
            statusCode: StatusCodes.Status401Unauthorized,
            contentType: IntakeHttpMapper.ProblemContentType);
    }

    private bool IsAuthorized(HttpRequest request)
    {
        var presented = request.Headers[HeaderName].FirstOrDefault() ?? request.Query["code"].FirstOrDefault();
        if (string.IsNullOrEmpty(presented))
        {
            return false;
        }

        // Hashing first makes every comparison the same length, so timing reveals nothing about the keys.
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(presented));
        var match = false;
        foreach (var key in _keys)
        {
            match |= CryptographicOperations.FixedTimeEquals(hash, key);
        }

        return match;
    }
}
