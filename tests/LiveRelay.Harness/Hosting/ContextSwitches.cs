using System.Runtime.InteropServices;

namespace LiveRelay.Harness.Hosting;

/// <summary>
/// The process's context switches so far, all threads (those that have exited included), from <c>getrusage</c>: a
/// thread that waits and is woken again counts one voluntary switch, so the count tells how often a process parks and
/// wakes its threads. Zero where <c>getrusage</c> is not available.
/// </summary>
internal static class ContextSwitches
{
    private const int RusageSelf = 0;

    /// <returns>Voluntary plus involuntary switches.</returns>
    public static long Read()
    {
        if (!OperatingSystem.IsLinux())
        {
            return 0;
        }

        return GetRusage(RusageSelf, out var usage) == 0 ? usage.VoluntarySwitches + usage.InvoluntarySwitches : 0;
    }

    // DllImport rather than LibraryImport: the struct is blittable, and the harness has no unsafe code to allow for it.
    [DllImport("libc", EntryPoint = "getrusage")]
    private static extern int GetRusage(int who, out Rusage usage);

    /// <summary>Linux x86-64 and arm64 <c>struct rusage</c>: two <c>timeval</c>s, then fourteen <c>long</c>s.</summary>
    [StructLayout(LayoutKind.Sequential)]
    private struct Rusage
    {
        public long UserSeconds, UserMicroseconds, SystemSeconds, SystemMicroseconds;
        public long MaxResident, SharedText, UnsharedData, UnsharedStack, MinorFaults, MajorFaults, Swaps, BlockInputs, BlockOutputs, MessagesSent, MessagesReceived, Signals;
        public long VoluntarySwitches, InvoluntarySwitches;
    }
}
