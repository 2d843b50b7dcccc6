using Scheduler.Core.Loading;
using Scheduler.Core.Validation;
using SharpFuzz;

// The scenario loader under AFL++ (bench/fuzz/run.sh): every input must end in a document or in
// ScenarioValidationException with its errors; anything else escaping is a finding. Instrumented
// code may run only inside Fuzzer.OutOfProcess.Run (its coverage map is set up there), so the
// loader is made on the first input.
ScenarioLoader? loader = null;
Fuzzer.OutOfProcess.Run(stream =>
{
    loader ??= ScenarioLoader.CreateAsync().GetAwaiter().GetResult();
    using var buffer = new MemoryStream();
    stream.CopyTo(buffer);
    try
    {
        var document = loader.Load(buffer.ToArray(), "fuzz input");
        foreach (var variant in document.Variants)
        {
            _ = variant.Scenario?.Titles.Length;
        }
    }
    catch (ScenarioValidationException ex) when (ex.Errors.Length > 0)
    {
        // The answer for a bad scenario: errors with their places.
    }
});
