using System.Runtime.InteropServices;

namespace Scheduler.Solver.Cbc;

/// <summary>Owns one <c>Cbc_Model*</c>.</summary>
/// <remarks>
/// Callers dispose it while still holding <see cref="CbcGate"/>; the finalizer is only a
/// backstop for a failure between creation and disposal.
/// </remarks>
internal sealed class CbcModelHandle : SafeHandle
{
    public CbcModelHandle()
        : base(nint.Zero, ownsHandle: true)
    {
    }

    public override bool IsInvalid => handle == nint.Zero;

    protected override bool ReleaseHandle()
    {
        CbcNative.Cbc_deleteModel(handle);
        return true;
    }
}
