using System.Runtime.InteropServices;
using Scheduler.Cli;

using var cancellation = new CancellationTokenSource();

// Ctrl-C and SIGTERM stop the command cleanly: it decides what (not) to write, then exits.
void Stop(PosixSignalContext context)
{
    context.Cancel = true;
    cancellation.Cancel();
}

using var interrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, Stop);
using var terminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Stop);

var app = new CliApp(new CliContext(Console.Out, Console.Error, TimeProvider.System));
return await app.RunAsync(args, cancellation.Token);
