// The tests share one emulator, reset by each.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
