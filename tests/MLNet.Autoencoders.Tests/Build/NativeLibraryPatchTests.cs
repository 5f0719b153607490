using System.Collections;
using System.Reflection;
using System.Runtime.Versioning;
using Microsoft.Build.Framework;
using Microsoft.Build.Utilities;
using MLNet.Autoencoders.Build;
using TorchSharp;

namespace MLNet.Autoencoders.Tests.Build;

/// <summary>
/// Tests build/WeakenGlibcxxVersionRequirement.cs: the build marks TorchSharp's GLIBCXX_3.4.32
/// requirement weak so the library loads on a GCC 12 libstdc++, changing nothing else.
/// The fix and TorchSharp's linux-x64 natives concern Linux only.
/// </summary>
[TestClass]
[OSCondition(OperatingSystems.Linux)]
[SupportedOSPlatform("linux")]
public sealed class NativeLibraryPatchTests
{
    private const string LibraryFileName = "libLibTorchSharp.so";

    private DirectoryInfo scratch = null!;

    /// <summary>Creates a private directory for the files a test patches.</summary>
    [TestInitialize]
    public void CreateScratchDirectory() => scratch = Directory.CreateTempSubdirectory("native-patch-");

    /// <summary>Removes the test's directory.</summary>
    [TestCleanup]
    public void DeleteScratchDirectory() => scratch.Delete(recursive: true);

    [TestMethod]
    public void TorchSharp_AfterPlainBuild_ComputesTensors()
    {
        using var ones = torch.ones(3);
        using var sum = (ones + ones).sum();

        Assert.AreEqual(6f, sum.item<float>());
    }

    [TestMethod]
    public void TorchSharp_AfterPlainBuild_LoadsPatchedLibraryFromOutputDirectory()
    {
        using var loadsTheLibrary = torch.zeros(1);

        var loaded = LoadedFilesNamed(LibraryFileName);

        Assert.HasCount(1, loaded, "TorchSharp should have loaded exactly one " + LibraryFileName);
        Assert.StartsWith(AppContext.BaseDirectory, loaded[0], "TorchSharp should load the build output's copy");
        if (HostLacksGlibcxx332())
        {
            Assert.IsTrue(Glibcxx332Need(File.ReadAllBytes(loaded[0])).IsWeak, $"{loaded[0]} should have {GlibcxxRequirement.Version} marked weak");
        }
    }

    [TestMethod]
    public void Patch_OnNuGetOriginal_ChangesOnlyTheVersionFlagsByte()
    {
        var original = File.ReadAllBytes(NuGetOriginalPath());
        var copy = CopyOfNuGetOriginal();

        var result = Weaken(copy);

        var patched = File.ReadAllBytes(copy);
        var flagsOffset = Glibcxx332Need(original).FlagsOffset;
        Assert.AreEqual(VersionNeedPatchResult.Patched, result);
        Assert.HasCount(original.Length, patched);
        CollectionAssert.AreEqual(new[] { flagsOffset }, DifferingOffsets(original, patched));
        Assert.AreEqual(ElfHash(GlibcxxRequirement.Version), BitConverter.ToUInt32(original, flagsOffset - 4), "the changed byte should follow the vna_hash of the version");
        Assert.AreEqual(original[flagsOffset] | ElfVersionNeedPatcher.WeakFlag, patched[flagsOffset]);
        Assert.IsTrue(Glibcxx332Need(patched).IsWeak);
    }

    [TestMethod]
    public void Patch_OnNuGetOriginal_LeavesOtherVersionNeedsAsTheyWere()
    {
        var copy = CopyOfNuGetOriginal();
        var before = ElfVersionNeedPatcher.ReadVersionNeeds(File.ReadAllBytes(copy));

        Weaken(copy);

        var after = ElfVersionNeedPatcher.ReadVersionNeeds(File.ReadAllBytes(copy));
        Assert.HasCount(before.Count, after);
        for (var i = 0; i < before.Count; i++)
        {
            Assert.AreEqual(before[i].VersionName, after[i].VersionName);
            Assert.AreEqual(before[i].VersionName == GlibcxxRequirement.Version, after[i].IsWeak, after[i].VersionName);
        }
    }

    [TestMethod]
    public void Patch_OnNuGetOriginal_KeepsPermissionsAndLastWriteTimeAndLeavesNoTemporaryFile()
    {
        var copy = CopyOfNuGetOriginal();
        var lastWrite = File.GetLastWriteTimeUtc(copy);
        var mode = File.GetUnixFileMode(copy);

        Weaken(copy);

        Assert.AreEqual(lastWrite, File.GetLastWriteTimeUtc(copy));
        Assert.AreEqual(mode, File.GetUnixFileMode(copy));
        CollectionAssert.AreEqual(new[] { copy }, Directory.GetFiles(scratch.FullName));
    }

    [TestMethod]
    public void Patch_OnAlreadyPatchedLibrary_LeavesBytesUnchanged()
    {
        var copy = CopyOfNuGetOriginal();
        Weaken(copy);
        var patchedOnce = File.ReadAllBytes(copy);

        var result = Weaken(copy);

        Assert.AreEqual(VersionNeedPatchResult.AlreadyPatched, result);
        CollectionAssert.AreEqual(patchedOnce, File.ReadAllBytes(copy));
    }

    [TestMethod]
    public void Patch_OnLibraryThatDoesNotNeedTheVersion_ReturnsNotRequiredAndLeavesBytesUnchanged()
    {
        var hostLibStdCxx = HostLibStdCxxProbe.Locate();
        Assert.IsNotNull(hostLibStdCxx, "the host should have a libstdc++.so.6");
        var copy = CopyIntoScratch(hostLibStdCxx);

        var result = Weaken(copy);

        Assert.AreEqual(VersionNeedPatchResult.NotRequired, result);
        CollectionAssert.AreEqual(File.ReadAllBytes(hostLibStdCxx), File.ReadAllBytes(copy));
    }

    [TestMethod]
    public void Patch_WhenOtherSymbolsNeedTheVersion_ReturnsVersionBindsSymbolsAndLeavesBytesUnchanged()
    {
        var copy = CopyOfNuGetOriginal();

        var result = ElfVersionNeedPatcher.WeakenVersionNeed(copy, GlibcxxRequirement.Version, allowedSymbols: []);

        Assert.AreEqual(VersionNeedPatchResult.VersionBindsSymbols, result);
        CollectionAssert.AreEqual(File.ReadAllBytes(NuGetOriginalPath()), File.ReadAllBytes(copy));
    }

    [TestMethod]
    public void Patch_OnSymbolicLinkToSharedCopy_ReplacesLinkAndLeavesSharedCopyUnchanged()
    {
        var shared = CopyOfNuGetOriginal();
        var link = Path.Combine(scratch.CreateSubdirectory("output").FullName, LibraryFileName);
        File.CreateSymbolicLink(link, shared);

        Weaken(link);

        CollectionAssert.AreEqual(File.ReadAllBytes(NuGetOriginalPath()), File.ReadAllBytes(shared));
        Assert.IsNull(new FileInfo(link).LinkTarget, "the output entry should now be a file of its own");
        Assert.IsTrue(Glibcxx332Need(File.ReadAllBytes(link)).IsWeak);
    }

    [TestMethod]
    public void Patch_OnTruncatedLibrary_ThrowsInvalidDataExceptionNamingTheFile()
    {
        var original = File.ReadAllBytes(NuGetOriginalPath());
        var truncated = Path.Combine(scratch.FullName, LibraryFileName);
        File.WriteAllBytes(truncated, original[..(original.Length / 2)]);

        var error = Assert.ThrowsExactly<InvalidDataException>(() => Weaken(truncated));

        Assert.Contains(truncated, error.Message);
        Assert.Contains("truncated", error.Message);
        Assert.HasCount(original.Length / 2, File.ReadAllBytes(truncated));
    }

    [TestMethod]
    public void Patch_OnFileCutInsideElfHeader_ThrowsInvalidDataException()
    {
        var truncated = Path.Combine(scratch.FullName, LibraryFileName);
        File.WriteAllBytes(truncated, File.ReadAllBytes(NuGetOriginalPath())[..20]);

        Assert.ThrowsExactly<InvalidDataException>(() => Weaken(truncated));
    }

    [TestMethod]
    [DataRow(new byte[0], DisplayName = "empty file")]
    [DataRow(new byte[] { (byte)'#', (byte)'!', (byte)'/', (byte)'b', (byte)'i', (byte)'n' }, DisplayName = "script")]
    [DataRow(new byte[] { 0x7f, (byte)'E', (byte)'L' }, DisplayName = "three bytes of ELF magic")]
    public void Patch_OnNonElfFile_ReturnsNotElfAndLeavesBytesUnchanged(byte[] content)
    {
        var file = Path.Combine(scratch.FullName, LibraryFileName);
        File.WriteAllBytes(file, content);

        var result = Weaken(file);

        Assert.AreEqual(VersionNeedPatchResult.NotElf, result);
        CollectionAssert.AreEqual(content, File.ReadAllBytes(file));
    }

    [TestMethod]
    public void Patch_On32BitElf_ReturnsUnsupportedElfFormat()
    {
        const byte ElfClass32 = 1, LittleEndian = 1;
        var header = new byte[52];
        new byte[] { 0x7f, (byte)'E', (byte)'L', (byte)'F', ElfClass32, LittleEndian }.CopyTo(header, 0);
        var file = Path.Combine(scratch.FullName, LibraryFileName);
        File.WriteAllBytes(file, header);

        var result = Weaken(file);

        Assert.AreEqual(VersionNeedPatchResult.UnsupportedElfFormat, result);
    }

    [TestMethod]
    public void SymbolsBoundTo_Glibcxx332InNuGetOriginal_IsOnlyIosBaseLibraryInit()
    {
        var original = File.ReadAllBytes(NuGetOriginalPath());

        var symbols = ElfVersionNeedPatcher.SymbolsBoundTo(original, Glibcxx332Need(original).VersionIndex);

        CollectionAssert.AreEqual(GlibcxxRequirement.UnboundSymbols.ToArray(), symbols.ToArray());
    }

    [TestMethod]
    [DataRow("\0GLIBCXX_3.4.30\0GLIBCXX_3.4.32\0", true, DisplayName = "present")]
    [DataRow("\0GLIBCXX_3.4.30\0GLIBCXX_3.4.320\0", false, DisplayName = "only a longer name")]
    [DataRow("\0GLIBCXX_3.4.3\0GLIBCXX_3.4.30\0", false, DisplayName = "only older versions")]
    public void ProvidesVersion_MatchesWholeVersionNamesOnly(string stringTable, bool expected)
    {
        var file = Path.Combine(scratch.FullName, "libstdc++.so.6");
        File.WriteAllText(file, stringTable);

        Assert.AreEqual(expected, HostLibStdCxxProbe.ProvidesVersion(file, GlibcxxRequirement.Version));
    }

    [TestMethod]
    public void Execute_WhenHostLibStdCxxLacksVersion_PatchesExistingLibrariesAndSaysSo()
    {
        var library = CopyOfNuGetOriginal();
        var missing = Path.Combine(scratch.FullName, "absent", LibraryFileName);
        var engine = new RecordingBuildEngine();
        var task = NewTask(engine, hostStringTable: "\0GLIBCXX_3.4.30\0", library, missing);

        var succeeded = task.Execute();

        Assert.IsTrue(succeeded);
        CollectionAssert.AreEqual(new[] { library }, task.PatchedLibraries.Select(item => item.ItemSpec).ToArray());
        Assert.IsTrue(Glibcxx332Need(File.ReadAllBytes(library)).IsWeak);
        var message = $"Marked {GlibcxxRequirement.Version} weak in {library} (host libstdc++ lacks it)";
        Assert.ContainsSingle(engine.Messages.Where(m => m.Message == message && m.Importance == MessageImportance.Normal));
        Assert.IsEmpty(engine.Warnings);
    }

    [TestMethod]
    public void Execute_WhenHostLibStdCxxProvidesVersion_LeavesLibraryUnchanged()
    {
        var library = CopyOfNuGetOriginal();
        var task = NewTask(new RecordingBuildEngine(), hostStringTable: "\0GLIBCXX_3.4.32\0", library);

        var succeeded = task.Execute();

        Assert.IsTrue(succeeded);
        Assert.IsEmpty(task.PatchedLibraries);
        CollectionAssert.AreEqual(File.ReadAllBytes(NuGetOriginalPath()), File.ReadAllBytes(library));
    }

    [TestMethod]
    public void Execute_OnTruncatedLibrary_WarnsWithThePathAndDoesNotFailTheBuild()
    {
        var truncated = Path.Combine(scratch.FullName, LibraryFileName);
        File.WriteAllBytes(truncated, File.ReadAllBytes(NuGetOriginalPath())[..4096]);
        var engine = new RecordingBuildEngine();
        var task = NewTask(engine, hostStringTable: "\0GLIBCXX_3.4.30\0", truncated);

        var succeeded = task.Execute();

        Assert.IsTrue(succeeded);
        Assert.Contains(truncated, Assert.ContainsSingle(engine.Warnings).Message!);
        Assert.IsEmpty(engine.Errors);
    }

    private static VersionNeedPatchResult Weaken(string path) =>
        ElfVersionNeedPatcher.WeakenVersionNeed(path, GlibcxxRequirement.Version, GlibcxxRequirement.UnboundSymbols);

    private static VersionNeed Glibcxx332Need(byte[] image) =>
        ElfVersionNeedPatcher.ReadVersionNeeds(image).Single(need => need.VersionName == GlibcxxRequirement.Version);

    private static bool HostLacksGlibcxx332()
    {
        var host = HostLibStdCxxProbe.Locate();
        return host is not null && !HostLibStdCxxProbe.ProvidesVersion(host, GlibcxxRequirement.Version);
    }

    /// <summary>The System V ELF hash, which a Vernaux stores as vna_hash, 4 bytes before vna_flags.</summary>
    private static uint ElfHash(string name)
    {
        uint hash = 0;
        foreach (var character in name)
        {
            hash = (hash << 4) + character;
            var high = hash & 0xf0000000;
            hash ^= high >> 24;
            hash &= ~high;
        }

        return hash;
    }

    private static int[] DifferingOffsets(byte[] left, byte[] right) =>
        Enumerable.Range(0, Math.Min(left.Length, right.Length)).Where(i => left[i] != right[i]).ToArray();

    private static string[] LoadedFilesNamed(string fileName) =>
        File.ReadLines("/proc/self/maps")
            .Select(line => line.Split(' ', 6, StringSplitOptions.RemoveEmptyEntries))
            .Where(fields => fields.Length == 6 && Path.GetFileName(fields[5].Trim()) == fileName)
            .Select(fields => fields[5].Trim())
            .Distinct()
            .ToArray();

    /// <summary>The library as TorchSharp's package ships it; read, never written.</summary>
    private static string NuGetOriginalPath()
    {
        var packageRoot = typeof(NativeLibraryPatchTests).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .Single(attribute => attribute.Key == "NuGetPackageRoot").Value;
        var informationalVersion = typeof(torch).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()!.InformationalVersion;
        var version = informationalVersion.Split('+')[0];
        var path = Path.Combine(packageRoot!, "torchsharp", version, "runtimes", "linux-x64", "native", LibraryFileName);
        Assert.IsTrue(File.Exists(path), $"TorchSharp's package should hold {path}");
        return path;
    }

    private string CopyOfNuGetOriginal() => CopyIntoScratch(NuGetOriginalPath());

    private string CopyIntoScratch(string source)
    {
        var copy = Path.Combine(scratch.FullName, Path.GetFileName(source));
        File.Copy(source, copy);
        return copy;
    }

    private WeakenGlibcxxVersionRequirement NewTask(IBuildEngine engine, string hostStringTable, params string[] libraries)
    {
        var hostLibStdCxx = Path.Combine(scratch.CreateSubdirectory("host").FullName, "libstdc++.so.6");
        File.WriteAllText(hostLibStdCxx, hostStringTable);
        return new WeakenGlibcxxVersionRequirement
        {
            BuildEngine = engine,
            HostLibStdCxx = hostLibStdCxx,
            Libraries = libraries.Select(path => (ITaskItem)new TaskItem(path)).ToArray(),
        };
    }

    /// <summary>Collects what a task logs.</summary>
    private sealed class RecordingBuildEngine : IBuildEngine
    {
        public List<BuildMessageEventArgs> Messages { get; } = [];

        public List<BuildWarningEventArgs> Warnings { get; } = [];

        public List<BuildErrorEventArgs> Errors { get; } = [];

        public bool ContinueOnError => false;

        public int LineNumberOfTaskNode => 0;

        public int ColumnNumberOfTaskNode => 0;

        public string ProjectFileOfTaskNode => "test.proj";

        public bool BuildProjectFile(string projectFileName, string[] targetNames, IDictionary globalProperties, IDictionary targetOutputs) =>
            throw new NotSupportedException();

        public void LogCustomEvent(CustomBuildEventArgs e)
        {
        }

        public void LogErrorEvent(BuildErrorEventArgs e) => Errors.Add(e);

        public void LogMessageEvent(BuildMessageEventArgs e) => Messages.Add(e);

        public void LogWarningEvent(BuildWarningEventArgs e) => Warnings.Add(e);
    }
}
