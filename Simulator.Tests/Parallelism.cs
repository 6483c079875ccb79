// Test fixtures run in parallel (one per core). A fixture that changes process-wide state (the current directory, a
// browser, files shared with other fixtures) says [NonParallelizable]; settings a test needs to change are parameters
// (CliContext's environment, ScenarioFiles.WithReadTimeout), never statics another fixture could see.
[assembly: Parallelizable(ParallelScope.Fixtures)]
