// Tests train TorchSharp networks that already use every core for intra-op work;
// running them side by side only adds contention and memory.
[assembly: DoNotParallelize]
