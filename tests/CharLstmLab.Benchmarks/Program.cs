using BenchmarkDotNet.Running;
using CharLstmLab.Benchmarks;

// `anchor [--H 128 --E 128 --B 32 --T 64 ...]`: one RESULT line in the anchors' format.
// Anything else goes to BenchmarkDotNet (e.g. `--filter '*'`, `--job short`).
if (args.Length > 0 && args[0] == "anchor") return AnchorRun.Run(args[1..]);
if (args.Length > 0 && args[0] == "kernels") return KernelRun.Run(args[1..]);
if (args.Length > 0 && args[0] == "profile") return ProfileRun.Run(args[1..]);
BenchmarkSwitcher.FromAssembly(typeof(BenchSetup).Assembly).Run(args);
return 0;
