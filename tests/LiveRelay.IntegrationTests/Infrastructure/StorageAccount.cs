using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace LiveRelay.IntegrationTests.Infrastructure;

/// <summary>One of the storage accounts Azurite is started with (<c>AZURITE_ACCOUNTS</c>), addressed path-style on loopback.</summary>
public sealed record StorageAccount(string Name, string Key, Uri QueueEndpoint, Uri TableEndpoint)
{
    public const int Count = 48;

    private const string DevelopmentAccount = "devstoreaccount1";
    private const string DevelopmentKey = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

    /// <summary>What the Functions runtime and the standalone host read as <c>AzureWebJobsStorage</c>.</summary>
    public string ConnectionString =>
        $"DefaultEndpointsProtocol=http;AccountName={Name};AccountKey={Key};QueueEndpoint={QueueEndpoint};TableEndpoint={TableEndpoint}";

    public static StorageAccount Numbered(int number, int queuePort, int tablePort)
    {
        var name = AccountName(number);
        return new StorageAccount(name, KeyOf(name), Endpoint(queuePort, name), Endpoint(tablePort, name));
    }

    /// <summary><c>name:key;...</c> for every test account, and the development account that other helpers assume.</summary>
    public static string AzuriteAccountsSetting() =>
        string.Join(';', Enumerable.Range(1, Count).Select(AccountName).Select(static n => $"{n}:{KeyOf(n)}").Prepend($"{DevelopmentAccount}:{DevelopmentKey}"));

    private static Uri Endpoint(int port, string accountName) =>
        new($"http://127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}/{accountName}");

    private static string AccountName(int number) => "itest" + number.ToString("D2", CultureInfo.InvariantCulture);

    /// <summary>A key per account, derived from its name: stable within a run, distinct, and not the well-known development key.</summary>
    private static string KeyOf(string name) => Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes("liverelay-integration-" + name)));
}
