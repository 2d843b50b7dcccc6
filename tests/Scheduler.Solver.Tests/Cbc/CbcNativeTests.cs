using System.Runtime.InteropServices;
using Scheduler.Solver.Cbc;

namespace Scheduler.Solver.Tests.Cbc;

[TestFixture]
public sealed class CbcNativeTests
{
    [Test]
    public void Cbc_getVersion_ReportsTheRelease210ThisLayerWasWrittenFor()
    {
        var version = Marshal.PtrToStringUTF8(CbcNative.Cbc_getVersion());

        Assert.That(version, Does.StartWith("2.10."));
    }
}
