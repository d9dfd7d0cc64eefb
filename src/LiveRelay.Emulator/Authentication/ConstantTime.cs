using System.Security.Cryptography;
using System.Text;

namespace LiveRelay.Emulator.Authentication;

/// <summary>String comparison whose time does not depend on where the strings differ, for signatures and tokens.</summary>
internal static class ConstantTime
{
    public static bool AreEqual(string expected, string actual) =>
        CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(expected), Encoding.UTF8.GetBytes(actual));
}
