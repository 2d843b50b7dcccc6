using System.Runtime.InteropServices;

namespace Scheduler.Solver.Cbc;

/// <summary>
/// Keeps the process's own SIGINT and SIGTERM handlers in place while CBC runs.
/// </summary>
/// <remarks>
/// CBC's solve installs a SIGINT handler of its own and never puts the previous one back; from
/// then on Ctrl-C would no longer reach .NET, and an interrupted command would run on and write
/// its files. The guard records the handlers before the solve and restores them whenever CBC has
/// replaced them, checking a few times a second until the solve ends. The handler records are
/// copied as opaque bytes, so nothing here depends on their layout beyond their size.
/// </remarks>
internal sealed partial class SignalGuard : IDisposable
{
    private const int SigInt = 2;
    private const int SigTerm = 15;

    // sizeof(struct sigaction) is 152 on 64-bit Linux; a larger buffer is harmless.
    private const int ActionSize = 256;

    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(50);

    private readonly byte[] _interrupt = new byte[ActionSize];
    private readonly byte[] _terminate = new byte[ActionSize];
    private readonly CancellationTokenSource _stop = new();
    private readonly Thread? _watcher;

    private SignalGuard()
    {
        if (!OperatingSystem.IsLinux() || Query(SigInt, _interrupt) != 0 || Query(SigTerm, _terminate) != 0)
        {
            return;
        }

        _watcher = new Thread(Watch) { IsBackground = true, Name = "cbc-signal-guard" };
        _watcher.Start();
    }

    public static SignalGuard Start() => new();

    public void Dispose()
    {
        _stop.Cancel();
        _watcher?.Join();
        if (_watcher is not null)
        {
            Restore(SigInt, _interrupt);
            Restore(SigTerm, _terminate);
        }

        _stop.Dispose();
    }

    private void Watch()
    {
        while (!_stop.Token.WaitHandle.WaitOne(Interval))
        {
            Restore(SigInt, _interrupt);
            Restore(SigTerm, _terminate);
        }
    }

    private static unsafe int Query(int signal, byte[] action)
    {
        fixed (byte* current = action)
        {
            return NativeSignals.sigaction(signal, null, current);
        }
    }

    private static unsafe void Restore(int signal, byte[] saved)
    {
        var current = stackalloc byte[ActionSize];
        fixed (byte* original = saved)
        {
            if (NativeSignals.sigaction(signal, null, current) == 0 && *(nint*)current != *(nint*)original)
            {
                NativeSignals.sigaction(signal, original, null);
            }
        }
    }

    private static unsafe partial class NativeSignals
    {
        [LibraryImport("libc", SetLastError = true)]
        [UnmanagedCallConv(CallConvs = [typeof(System.Runtime.CompilerServices.CallConvCdecl)])]
        internal static partial int sigaction(int signal, byte* action, byte* previous);
    }
}
