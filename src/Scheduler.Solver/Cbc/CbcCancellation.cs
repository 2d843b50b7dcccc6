using System.Runtime.InteropServices;

namespace Scheduler.Solver.Cbc;

/// <summary>
/// Stops a running search when a <see cref="CancellationToken"/> fires.
/// </summary>
/// <remarks>
/// CBC 2.10's C interface cannot interrupt a solve: its message callback returns nothing and
/// there is no stop call. The one hook that runs inside branch and bound is a cut generator
/// callback, invoked at each node after the node's LP. Once cancellation is requested it adds
/// two contradictory cuts (x0 &gt;= 1 and x0 &lt;= 0), so that node and every later one is
/// infeasible and the search drains in one LP per open node. Nothing runs during the root LP,
/// preprocessing or root heuristics, so cancellation waits for them (as does CBC's own time
/// limit). What CBC reports after such a stop is meaningless, so the caller discards it.
/// </remarks>
internal sealed unsafe class CbcCancellation : IDisposable
{
    private readonly CancellationToken _token;
    private GCHandle _self;

    private CbcCancellation(CancellationToken token)
    {
        _token = token;
        _self = GCHandle.Alloc(this);
    }

    /// <summary>Installs the callback, or returns null for a token that can never fire (the search then runs untouched).</summary>
    public static CbcCancellation? Register(CbcModelHandle handle, CancellationToken token)
    {
        if (!token.CanBeCanceled)
        {
            return null;
        }

        var cancellation = new CbcCancellation(token);
        CbcNative.Cbc_addCutCallback(handle, &OnCutRound, "cancellation", GCHandle.ToIntPtr(cancellation._self));
        return cancellation;
    }

    /// <summary>Call only after the solve has returned: CBC keeps the pointer until then.</summary>
    public void Dispose()
    {
        if (_self.IsAllocated)
        {
            _self.Free();
        }
    }

    // Runs on CBC's threads, possibly several at once; it only reads the token.
    [UnmanagedCallersOnly]
    private static void OnCutRound(nint solver, nint cuts, nint state)
    {
        var self = (CbcCancellation)GCHandle.FromIntPtr(state).Target!;
        if (!self._token.IsCancellationRequested || CbcNative.Osi_getNumCols(solver) == 0)
        {
            return;
        }

        var column = 0;
        var one = 1.0;
        CbcNative.OsiCuts_addRowCut(cuts, 1, &column, &one, (byte)'G', 1);
        CbcNative.OsiCuts_addRowCut(cuts, 1, &column, &one, (byte)'L', 0);
    }
}
