using System.CommandLine;
using Scheduler.Cli.Commands;

namespace Scheduler.Cli;

/// <summary>The <c>scheduler</c> command line: builds the command tree and runs one invocation.</summary>
public sealed class CliApp
{
    private readonly CliContext _context;

    public CliApp(CliContext context)
    {
        _context = context ?? throw new ArgumentNullException(nameof(context));
    }

    public async Task<int> RunAsync(IReadOnlyList<string> args, CancellationToken cancellationToken = default)
    {
        var verbose = new Option<bool>("--verbose") { Description = "Show the details of an internal error (a fault in Scheduler) here, not only in its log file.", Recursive = true };
        var root = new RootCommand("Scheduler: plans when each title goes live in each region, and proves how close to optimal the plan is.")
        {
            ValidateCommand.Create(_context),
            PlanCommand.Create(_context),
            VerifyCommand.Create(_context),
            ExportModelCommand.Create(_context),
            GenerateCommand.Create(_context),
            RunsCommand.Create(_context),
            ShowCommand.Create(_context),
            AdoptCommand.Create(_context),
            ExportCommand.Create(_context),
            CompareCommand.Create(_context),
            ServeCommand.Create(_context),
            StatusCommand.Create(_context),
            ReplanCommand.Create(_context),
            SubmitCommand.Create(_context),
            ExplainCommand.Create(_context),
            FitCommand.Create(_context),
            DbCommand.Create(_context),
            TokenCommand.Create(_context),
            TemplateCommand.Create(_context),
            ImportCommand.Create(_context),
            ExportScenarioCommand.Create(_context),
            verbose,
        };

        var parsed = root.Parse(args);
        // Program handles Ctrl-C and SIGTERM itself (through the cancellation token); the parser's own
        // handling would end the process two seconds later, whatever the command is still doing.
        var configuration = new InvocationConfiguration
        {
            Output = _context.Output,
            Error = _context.Error,
            ProcessTerminationTimeout = null,

            // An internal error is told in one sentence, with its details in a file (see InternalErrors).
            EnableDefaultExceptionHandler = false,
        };
        if (parsed.Errors.Count > 0)
        {
            foreach (var error in parsed.Errors)
            {
                await _context.Error.WriteLineAsync(error.Message).ConfigureAwait(false);
            }

            await _context.Error.WriteLineAsync("Run 'scheduler --help' for usage.").ConfigureAwait(false);
            return ExitCodes.InvalidInput;
        }

        try
        {
            return await parsed.InvokeAsync(configuration, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            await _context.Error.WriteLineAsync("Interrupted.").ConfigureAwait(false);
            return ExitCodes.Interrupted;
        }
        catch (Exception ex) when (DatabaseUnavailable.Describe(ex, _context.Time) is { } sentence)
        {
            await _context.Error.WriteLineAsync(sentence).ConfigureAwait(false);
            return ExitCodes.Unavailable;
        }
        catch (Exception ex) when (WriteFailure.Describe(ex) is { } sentence)
        {
            await _context.Error.WriteLineAsync(sentence).ConfigureAwait(false);
            return ExitCodes.CannotWrite;
        }
        catch (Exception ex)
        {
            return await InternalErrors.ReportAsync(_context, ex, args, parsed.GetValue(verbose)).ConfigureAwait(false);
        }
    }
}
