using Scheduler.Cli;

using var cancellation = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    // Let the command stop cleanly and decide what (not) to write.
    e.Cancel = true;
    cancellation.Cancel();
};

var app = new CliApp(new CliContext(Console.Out, Console.Error, TimeProvider.System));
return await app.RunAsync(args, cancellation.Token);
