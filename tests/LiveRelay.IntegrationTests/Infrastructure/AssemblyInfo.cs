// Rates, concurrency peaks and the shared emulator are only meaningful with one test running at a time.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
