// Compiled two ways: as an MSBuild inline task by RoslynCodeTaskFactory (against netstandard2.0
// reference assemblies, so this file sticks to netstandard2.0 APIs), and into the test project,
// which links it to unit-test the ELF logic. Hence the explicit usings and #nullable directive.
#nullable enable

using System;
using System.Collections.Generic;
using System.ComponentModel;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Runtime.InteropServices;
using System.Text;
using Microsoft.Build.Framework;

namespace MLNet.Autoencoders.Build
{
    /// <summary>
    /// MSBuild task that lets TorchSharp's <c>libLibTorchSharp.so</c> load on hosts whose libstdc++
    /// predates GCC 13. The library lists <c>GLIBCXX_3.4.32</c> among its version requirements only
    /// for <c>std::ios_base_library_init()</c>, a symbol it references but never binds; marking that
    /// requirement weak lets the dynamic loader accept an older libstdc++.
    /// </summary>
    /// <remarks>
    /// Runs only on Linux, and only when the host's <c>libstdc++.so.6</c> lacks the version.
    /// Libraries that do not require the version, or are already patched, are left untouched.
    /// </remarks>
    public sealed class WeakenGlibcxxVersionRequirement : Microsoft.Build.Utilities.Task
    {
        /// <summary>Native libraries to patch in place. Paths that do not exist are skipped.</summary>
        [Required]
        public ITaskItem[] Libraries { get; set; } = Array.Empty<ITaskItem>();

        /// <summary>
        /// The host libstdc++ to check for <see cref="GlibcxxRequirement.Version"/>.
        /// Default is empty, which means the one the dynamic loader would find.
        /// </summary>
        public string HostLibStdCxx { get; set; } = string.Empty;

        /// <summary>The libraries this run changed.</summary>
        [Output]
        public ITaskItem[] PatchedLibraries { get; private set; } = Array.Empty<ITaskItem>();

        /// <inheritdoc />
        public override bool Execute()
        {
            if (!RuntimeInformation.IsOSPlatform(OSPlatform.Linux) || !HostLacksVersion())
            {
                return true;
            }

            var patched = new List<ITaskItem>();
            foreach (var library in Libraries)
            {
                if (PatchOne(library.GetMetadata("FullPath")))
                {
                    patched.Add(library);
                }
            }

            PatchedLibraries = patched.ToArray();
            return !Log.HasLoggedErrors;
        }

        private bool HostLacksVersion()
        {
            var hostLibrary = HostLibStdCxx.Length > 0 ? HostLibStdCxx : HostLibStdCxxProbe.Locate();
            if (hostLibrary is null)
            {
                Log.LogMessage(MessageImportance.Low, "No host libstdc++.so.6 found; leaving TorchSharp natives as they are.");
                return false;
            }

            if (HostLibStdCxxProbe.ProvidesVersion(hostLibrary, GlibcxxRequirement.Version))
            {
                Log.LogMessage(MessageImportance.Low, "{0}", $"{hostLibrary} provides {GlibcxxRequirement.Version}; nothing to patch.");
                return false;
            }

            return true;
        }

        private bool PatchOne(string path)
        {
            if (!File.Exists(path))
            {
                return false;
            }

            try
            {
                var result = ElfVersionNeedPatcher.WeakenVersionNeed(path, GlibcxxRequirement.Version, GlibcxxRequirement.UnboundSymbols);
                Report(path, result);
                return result == VersionNeedPatchResult.Patched;
            }
            catch (Exception e) when (e is IOException || e is UnauthorizedAccessException || e is InvalidDataException)
            {
                Log.LogWarning("{0}", $"Could not mark {GlibcxxRequirement.Version} weak in {path}: {e.Message} TorchSharp may fail to load it on this host.");
                return false;
            }
        }

        private void Report(string path, VersionNeedPatchResult result)
        {
            switch (result)
            {
                case VersionNeedPatchResult.Patched:
                    Log.LogMessage(MessageImportance.Normal, "{0}", $"Marked {GlibcxxRequirement.Version} weak in {path} (host libstdc++ lacks it)");
                    break;
                case VersionNeedPatchResult.AlreadyPatched:
                case VersionNeedPatchResult.NotRequired:
                    Log.LogMessage(MessageImportance.Low, "{0}", $"{path}: {result}; left unchanged.");
                    break;
                default:
                    Log.LogWarning("{0}", $"Did not mark {GlibcxxRequirement.Version} weak in {path}: {Describe(result)} TorchSharp may fail to load it on this host.");
                    break;
            }
        }

        private static string Describe(VersionNeedPatchResult result) => result switch
        {
            VersionNeedPatchResult.NotElf => "it is not an ELF file.",
            VersionNeedPatchResult.UnsupportedElfFormat => "it is not a 64-bit little-endian ELF file.",
            VersionNeedPatchResult.VersionBindsSymbols => "symbols other than std::ios_base_library_init() need that version, so weakening it is unsafe.",
            _ => result.ToString() + ".",
        };
    }

    /// <summary>The version requirement TorchSharp's native library has on a GCC 13 libstdc++, and why it is safe to weaken.</summary>
    public static class GlibcxxRequirement
    {
        /// <summary>The version that GCC 12's libstdc++ (Debian 12, Ubuntu 22.04) lacks.</summary>
        public const string Version = "GLIBCXX_3.4.32";

        /// <summary>
        /// The only symbols allowed to carry <see cref="Version"/> in a library that gets patched.
        /// <c>_ZSt21ios_base_library_initv</c> is referenced (to pull in stream initialisation) but has no
        /// relocation, so the loader never looks it up.
        /// </summary>
        public static IReadOnlyCollection<string> UnboundSymbols { get; } = new[] { "_ZSt21ios_base_library_initv" };
    }

    /// <summary>What <see cref="ElfVersionNeedPatcher.WeakenVersionNeed"/> did to a file.</summary>
    public enum VersionNeedPatchResult
    {
        /// <summary>The version requirement was marked weak; exactly the flag bytes changed.</summary>
        Patched,

        /// <summary>The version requirement was already weak; the file was not written.</summary>
        AlreadyPatched,

        /// <summary>The file does not require the version; the file was not written.</summary>
        NotRequired,

        /// <summary>The file is not an ELF file; it was not written.</summary>
        NotElf,

        /// <summary>The file is ELF, but not 64-bit little-endian; it was not written.</summary>
        UnsupportedElfFormat,

        /// <summary>
        /// Symbols outside the allowed list are bound to the version, so weakening it could leave them
        /// unresolved at run time; the file was not written.
        /// </summary>
        VersionBindsSymbols,
    }

    /// <summary>One <c>Vernaux</c> entry of an ELF file's <c>.gnu.version_r</c> section.</summary>
    public sealed class VersionNeed
    {
        /// <summary>Creates an entry as read from the file.</summary>
        /// <param name="libraryName">The <c>vn_file</c> name of the owning <c>Verneed</c>.</param>
        /// <param name="versionName">The <c>vna_name</c> of the entry.</param>
        /// <param name="versionIndex">The <c>vna_other</c> index that <c>.gnu.version</c> uses for it.</param>
        /// <param name="flags">The <c>vna_flags</c> value.</param>
        /// <param name="flagsOffset">The file offset of <c>vna_flags</c>.</param>
        public VersionNeed(string libraryName, string versionName, ushort versionIndex, ushort flags, int flagsOffset)
        {
            LibraryName = libraryName;
            VersionName = versionName;
            VersionIndex = versionIndex;
            Flags = flags;
            FlagsOffset = flagsOffset;
        }

        /// <summary>The library that must provide the version, e.g. <c>libstdc++.so.6</c>.</summary>
        public string LibraryName { get; }

        /// <summary>The required version, e.g. <c>GLIBCXX_3.4.32</c>.</summary>
        public string VersionName { get; }

        /// <summary>The version index that symbols bound to this version carry.</summary>
        public ushort VersionIndex { get; }

        /// <summary>The <c>vna_flags</c> value.</summary>
        public ushort Flags { get; }

        /// <summary>The file offset of the two-byte little-endian <c>vna_flags</c> field.</summary>
        public int FlagsOffset { get; }

        /// <summary>Whether <see cref="ElfVersionNeedPatcher.WeakFlag"/> is set.</summary>
        public bool IsWeak => (Flags & ElfVersionNeedPatcher.WeakFlag) != 0;
    }

    /// <summary>
    /// Reads the version requirements of an ELF64 little-endian file and marks one of them weak
    /// (<c>VER_FLG_WEAK</c>), changing no other byte. Has no MSBuild dependency.
    /// </summary>
    public static class ElfVersionNeedPatcher
    {
        /// <summary><c>VER_FLG_WEAK</c>: the loader tolerates a missing version.</summary>
        public const ushort WeakFlag = 0x2;

        private const uint ShtDynsym = 11;
        private const uint ShtGnuVerneed = 0x6ffffffe;
        private const uint ShtGnuVersym = 0x6fffffff;
        private const int SectionHeaderSize = 64;
        private const int VerneedSize = 16;
        private const int VernauxSize = 16;
        private const int SymbolSize = 24;

        /// <summary>
        /// Marks <paramref name="versionName"/> weak in the file at <paramref name="path"/>, if the file
        /// requires it and only <paramref name="allowedSymbols"/> are bound to it.
        /// </summary>
        /// <remarks>
        /// The new content goes to a temporary copy in the same directory, which then replaces the file by
        /// rename, so readers see either the old or the new file, and a hard or symbolic link to a shared
        /// copy (such as the NuGet cache) is replaced rather than written through. The file keeps its
        /// permissions and last-write time, so MSBuild's size-and-timestamp check does not copy the
        /// unpatched original over it again on the next build.
        /// </remarks>
        /// <param name="path">The ELF file to patch in place.</param>
        /// <param name="versionName">The version requirement to weaken, e.g. <c>GLIBCXX_3.4.32</c>.</param>
        /// <param name="allowedSymbols">Symbols that may be bound to the version and stay unresolved.</param>
        /// <returns>What was done; the file is written only for <see cref="VersionNeedPatchResult.Patched"/>.</returns>
        /// <exception cref="InvalidDataException">The file is a truncated or malformed ELF file.</exception>
        /// <exception cref="IOException">The file changed while it was being patched, or could not be written.</exception>
        public static VersionNeedPatchResult WeakenVersionNeed(string path, string versionName, IEnumerable<string> allowedSymbols)
        {
            var image = File.ReadAllBytes(path);
            var lastWrite = File.GetLastWriteTimeUtc(path);
            var plan = Plan(image, versionName, allowedSymbols, path);
            if (plan.Result == VersionNeedPatchResult.Patched)
            {
                ReplaceWithPatchedCopy(path, image, plan.Targets, lastWrite);
            }

            return plan.Result;
        }

        /// <summary>Lists every <c>Vernaux</c> entry of a 64-bit little-endian ELF file.</summary>
        /// <param name="image">The file's bytes.</param>
        /// <param name="fileName">Name used in error messages. Default is "ELF image".</param>
        /// <returns>The entries in file order; empty when the file has no <c>.gnu.version_r</c> section.</returns>
        /// <exception cref="InvalidDataException">The file is not a 64-bit little-endian ELF file, or is truncated or malformed.</exception>
        public static IReadOnlyList<VersionNeed> ReadVersionNeeds(byte[] image, string fileName = "ELF image")
        {
            var reader = new ElfReader(image, fileName);
            var verneed = reader.FindSection(ShtGnuVerneed, ".gnu.version_r");
            return verneed is null ? Array.Empty<VersionNeed>() : reader.ReadVersionNeeds(verneed);
        }

        /// <summary>Names the dynamic symbols whose <c>.gnu.version</c> index is <paramref name="versionIndex"/>.</summary>
        /// <param name="image">The file's bytes.</param>
        /// <param name="versionIndex">A <see cref="VersionNeed.VersionIndex"/>.</param>
        /// <param name="fileName">Name used in error messages. Default is "ELF image".</param>
        /// <returns>The symbol names; empty when the file has no <c>.gnu.version</c> section.</returns>
        /// <exception cref="InvalidDataException">The file is not a 64-bit little-endian ELF file, or is truncated or malformed.</exception>
        public static IReadOnlyList<string> SymbolsBoundTo(byte[] image, ushort versionIndex, string fileName = "ELF image")
        {
            var reader = new ElfReader(image, fileName);
            var versym = reader.FindSection(ShtGnuVersym, ".gnu.version");
            return versym is null ? Array.Empty<string>() : reader.ReadSymbolsWithVersion(versym, versionIndex);
        }

        /// <summary>Tells why <paramref name="image"/> cannot be read as a 64-bit little-endian ELF file, if it cannot.</summary>
        private static VersionNeedPatchResult? FormatProblem(byte[] image)
        {
            if (image.Length < 4 || image[0] != 0x7f || image[1] != (byte)'E' || image[2] != (byte)'L' || image[3] != (byte)'F')
            {
                return VersionNeedPatchResult.NotElf;
            }

            const byte ElfClass64 = 2, ElfDataLittleEndian = 1;
            return image.Length > 5 && image[4] == ElfClass64 && image[5] == ElfDataLittleEndian
                ? null
                : VersionNeedPatchResult.UnsupportedElfFormat;
        }

        private static PatchPlan Plan(byte[] image, string versionName, IEnumerable<string> allowedSymbols, string fileName)
        {
            var problem = FormatProblem(image);
            if (problem is not null)
            {
                return new PatchPlan(problem.Value);
            }

            var targets = new List<VersionNeed>();
            foreach (var need in ReadVersionNeeds(image, fileName))
            {
                if (need.VersionName == versionName)
                {
                    targets.Add(need);
                }
            }

            if (targets.Count == 0)
            {
                return new PatchPlan(VersionNeedPatchResult.NotRequired);
            }

            targets.RemoveAll(need => need.IsWeak);
            if (targets.Count == 0)
            {
                return new PatchPlan(VersionNeedPatchResult.AlreadyPatched);
            }

            return BindsOnlyAllowedSymbols(image, targets, allowedSymbols, fileName)
                ? new PatchPlan(VersionNeedPatchResult.Patched, targets)
                : new PatchPlan(VersionNeedPatchResult.VersionBindsSymbols);
        }

        private static bool BindsOnlyAllowedSymbols(byte[] image, List<VersionNeed> targets, IEnumerable<string> allowedSymbols, string fileName)
        {
            var allowed = new HashSet<string>(allowedSymbols, StringComparer.Ordinal);
            foreach (var need in targets)
            {
                foreach (var symbol in SymbolsBoundTo(image, need.VersionIndex, fileName))
                {
                    if (!allowed.Contains(symbol))
                    {
                        return false;
                    }
                }
            }

            return true;
        }

        private static void ReplaceWithPatchedCopy(string path, byte[] original, List<VersionNeed> targets, DateTime lastWriteUtc)
        {
            var directory = Path.GetDirectoryName(Path.GetFullPath(path)) ?? ".";
            var temporary = Path.Combine(directory, "." + Path.GetFileName(path) + "." + Guid.NewGuid().ToString("N") + ".tmp");
            try
            {
                // File.Copy keeps the permission bits, which a fresh file would not.
                File.Copy(path, temporary);
                RequireContent(temporary, original, path);
                WriteWeakFlags(temporary, targets);
                File.SetLastWriteTimeUtc(temporary, lastWriteUtc);
                File.Replace(temporary, path, null);
            }
            finally
            {
                if (File.Exists(temporary))
                {
                    File.Delete(temporary);
                }
            }
        }

        private static void RequireContent(string copyPath, byte[] expected, string originalPath)
        {
            if (!File.ReadAllBytes(copyPath).SequenceEqual(expected))
            {
                throw new IOException($"{originalPath} changed while it was being patched; build again.");
            }
        }

        private static void WriteWeakFlags(string copyPath, List<VersionNeed> targets)
        {
            using var stream = new FileStream(copyPath, FileMode.Open, FileAccess.Write, FileShare.None);
            foreach (var need in targets)
            {
                var flags = (ushort)(need.Flags | WeakFlag);
                stream.Position = need.FlagsOffset;
                stream.WriteByte((byte)flags);
                stream.WriteByte((byte)(flags >> 8));
            }
        }

        private sealed class PatchPlan
        {
            public PatchPlan(VersionNeedPatchResult result, List<VersionNeed>? targets = null)
            {
                Result = result;
                Targets = targets ?? new List<VersionNeed>();
            }

            public VersionNeedPatchResult Result { get; }

            public List<VersionNeed> Targets { get; }
        }

        /// <summary>One section header, with the fields this class uses.</summary>
        private sealed class Section
        {
            public Section(uint name, uint type, ulong offset, ulong size, uint link, uint info)
            {
                Name = name;
                Type = type;
                Offset = offset;
                Size = size;
                Link = link;
                Info = info;
            }

            public uint Name { get; }

            public uint Type { get; }

            public ulong Offset { get; }

            public ulong Size { get; }

            public uint Link { get; }

            public uint Info { get; }
        }

        /// <summary>Bounds-checked reads of an ELF64 little-endian image.</summary>
        private sealed class ElfReader
        {
            private const ushort SectionIndexExtended = 0xffff;
            private readonly byte[] image;
            private readonly string fileName;
            private readonly Section[] sections;
            private readonly Section? sectionNames;

            public ElfReader(byte[] image, string fileName)
            {
                this.image = image;
                this.fileName = fileName;
                if (FormatProblem(image) is not null)
                {
                    throw Malformed("is not a 64-bit little-endian ELF file");
                }

                sections = ReadSectionHeaders(out var namesIndex);
                sectionNames = namesIndex < sections.Length ? sections[namesIndex] : null;
            }

            public Section? FindSection(uint type, string name)
            {
                foreach (var section in sections)
                {
                    if (section.Type == type)
                    {
                        return section;
                    }
                }

                foreach (var section in sections)
                {
                    if (sectionNames is not null && ReadString(sectionNames, section.Name) == name)
                    {
                        return section;
                    }
                }

                return null;
            }

            public IReadOnlyList<VersionNeed> ReadVersionNeeds(Section verneed)
            {
                var strings = LinkedSection(verneed);
                var needs = new List<VersionNeed>();
                var end = SectionEnd(verneed);
                var maxEntries = verneed.Info != 0 ? verneed.Info : (uint)(verneed.Size / VerneedSize);
                var entry = (long)verneed.Offset;
                for (uint i = 0; i < maxEntries; i++)
                {
                    RequireWithin(entry, VerneedSize, end, "Verneed entry");
                    var libraryName = ReadString(strings, ReadUInt32(entry + 4));
                    ReadAuxiliaryEntries(entry, ReadUInt16(entry + 2), libraryName, strings, end, needs);
                    var next = ReadUInt32(entry + 12);
                    if (next == 0)
                    {
                        break;
                    }

                    entry += next;
                }

                return needs;
            }

            public IReadOnlyList<string> ReadSymbolsWithVersion(Section versym, ushort versionIndex)
            {
                const ushort HiddenBit = 0x8000;
                var symbols = LinkedSection(versym);
                if (symbols.Type != ShtDynsym)
                {
                    throw Malformed($".gnu.version links to section type {symbols.Type:x}, not the dynamic symbol table");
                }

                var names = LinkedSection(symbols);
                var count = Math.Min(versym.Size / 2, symbols.Size / SymbolSize);
                RequireWithin((long)versym.Offset, (long)count * 2, SectionEnd(versym), ".gnu.version");
                RequireWithin((long)symbols.Offset, (long)count * SymbolSize, SectionEnd(symbols), ".dynsym");
                var bound = new List<string>();
                for (long i = 0; i < (long)count; i++)
                {
                    var index = ReadUInt16((long)versym.Offset + (2 * i)) & ~HiddenBit;
                    if (index == versionIndex)
                    {
                        bound.Add(ReadString(names, ReadUInt32((long)symbols.Offset + (SymbolSize * i))));
                    }
                }

                return bound;
            }

            private void ReadAuxiliaryEntries(long entry, ushort count, string libraryName, Section strings, long end, List<VersionNeed> needs)
            {
                var aux = entry + ReadUInt32(entry + 8);
                for (var i = 0; i < count; i++)
                {
                    RequireWithin(aux, VernauxSize, end, "Vernaux entry");
                    var flagsOffset = checked((int)(aux + 4));
                    var name = ReadString(strings, ReadUInt32(aux + 8));
                    needs.Add(new VersionNeed(libraryName, name, ReadUInt16(aux + 6), ReadUInt16(flagsOffset), flagsOffset));
                    var next = ReadUInt32(aux + 12);
                    if (next == 0)
                    {
                        break;
                    }

                    aux += next;
                }
            }

            private Section[] ReadSectionHeaders(out uint namesIndex)
            {
                var tableOffset = ReadUInt64(0x28);
                var entrySize = ReadUInt16(0x3a);
                if (tableOffset == 0)
                {
                    throw Malformed("has no section header table");
                }

                if (entrySize != SectionHeaderSize)
                {
                    throw Malformed($"has {entrySize}-byte section headers, expected {SectionHeaderSize}");
                }

                if (tableOffset > (ulong)image.Length)
                {
                    throw Malformed($"has its section header table at offset {tableOffset}, past its end ({image.Length} bytes); the file is truncated");
                }

                // e_shnum == 0 and e_shstrndx == SHN_XINDEX mean the real values are in section 0.
                var first = ReadSection((long)tableOffset);
                var declaredCount = ReadUInt16(0x3c);
                var count = declaredCount != 0 ? declaredCount : first.Size;
                if (count > (ulong)(image.Length / SectionHeaderSize))
                {
                    throw Malformed($"claims {count} sections, more than fit in its {image.Length} bytes");
                }

                RequireWithin((long)tableOffset, (long)count * SectionHeaderSize, image.Length, "section header table");
                var namesField = ReadUInt16(0x3e);
                namesIndex = namesField == SectionIndexExtended ? first.Link : namesField;
                var result = new Section[count];
                for (var i = 0; i < result.Length; i++)
                {
                    result[i] = ReadSection((long)tableOffset + ((long)i * SectionHeaderSize));
                }

                return result;
            }

            private Section ReadSection(long header) => new Section(
                name: ReadUInt32(header),
                type: ReadUInt32(header + 4),
                offset: ReadUInt64(header + 24),
                size: ReadUInt64(header + 32),
                link: ReadUInt32(header + 40),
                info: ReadUInt32(header + 44));

            private Section LinkedSection(Section section)
            {
                if (section.Link == 0 || section.Link >= sections.Length)
                {
                    throw Malformed($"has a section whose sh_link {section.Link} names no section");
                }

                return sections[section.Link];
            }

            private long SectionEnd(Section section)
            {
                if (section.Offset > (ulong)image.Length || section.Size > (ulong)image.Length - section.Offset)
                {
                    throw Malformed($"has a section at offset {section.Offset} of size {section.Size}, past its end ({image.Length} bytes); the file is truncated");
                }

                return (long)(section.Offset + section.Size);
            }

            private string ReadString(Section table, uint offset)
            {
                var end = SectionEnd(table);
                var start = (long)table.Offset + offset;
                var stop = start;
                while (stop < end && image[stop] != 0)
                {
                    stop++;
                }

                if (stop >= end)
                {
                    throw Malformed($"has a string at offset {start} that runs past its string table");
                }

                return Encoding.UTF8.GetString(image, (int)start, (int)(stop - start));
            }

            private void RequireWithin(long offset, long length, long end, string what)
            {
                if (offset < 0 || length < 0 || offset > end - length)
                {
                    throw Malformed($"has its {what} at offset {offset} (+{length} bytes) past the end of its data ({end}); the file is truncated or corrupt");
                }
            }

            private ushort ReadUInt16(long offset)
            {
                RequireWithin(offset, 2, image.Length, "field");
                return (ushort)(image[offset] | (image[offset + 1] << 8));
            }

            private uint ReadUInt32(long offset)
            {
                RequireWithin(offset, 4, image.Length, "field");
                return (uint)ReadUInt16(offset) | ((uint)ReadUInt16(offset + 2) << 16);
            }

            private ulong ReadUInt64(long offset) => ReadUInt32(offset) | ((ulong)ReadUInt32(offset + 4) << 32);

            private InvalidDataException Malformed(string problem) => new InvalidDataException($"{fileName} {problem}.");
        }
    }

    /// <summary>Finds the host's <c>libstdc++.so.6</c> and tells which symbol versions it defines.</summary>
    public static class HostLibStdCxxProbe
    {
        private const string LibraryName = "libstdc++.so.6";

        /// <summary>Finds the <c>libstdc++.so.6</c> the dynamic loader would use for this process's architecture.</summary>
        /// <returns>Its path, or <see langword="null"/> when there is none (or this is not Linux).</returns>
        public static string? Locate()
        {
            if (!RuntimeInformation.IsOSPlatform(OSPlatform.Linux))
            {
                return null;
            }

            foreach (var directory in LibraryDirectories())
            {
                var candidate = Path.Combine(directory, LibraryName);
                if (File.Exists(candidate))
                {
                    return candidate;
                }
            }

            return LocateWithLdconfig();
        }

        /// <summary>
        /// Whether the library at <paramref name="path"/> has <paramref name="versionName"/> in its string
        /// table (as a whole, NUL-delimited string, so <c>GLIBCXX_3.4.3</c> does not match <c>GLIBCXX_3.4.32</c>).
        /// </summary>
        /// <param name="path">A shared library, e.g. from <see cref="Locate"/>.</param>
        /// <param name="versionName">A symbol version such as <c>GLIBCXX_3.4.32</c>.</param>
        /// <returns><see langword="true"/> when the string occurs.</returns>
        public static bool ProvidesVersion(string path, string versionName)
        {
            var needle = Encoding.ASCII.GetBytes("\0" + versionName + "\0");
            var haystack = File.ReadAllBytes(path);
            for (var i = 0; i <= haystack.Length - needle.Length; i++)
            {
                if (MatchesAt(haystack, i, needle))
                {
                    return true;
                }
            }

            return false;
        }

        private static bool MatchesAt(byte[] haystack, int start, byte[] needle)
        {
            for (var j = 0; j < needle.Length; j++)
            {
                if (haystack[start + j] != needle[j])
                {
                    return false;
                }
            }

            return true;
        }

        private static string[] LibraryDirectories()
        {
            var triplet = RuntimeInformation.ProcessArchitecture == Architecture.Arm64 ? "aarch64-linux-gnu" : "x86_64-linux-gnu";
            return new[]
            {
                "/usr/lib/" + triplet,
                "/lib/" + triplet,
                "/usr/lib64",
                "/lib64",
                "/usr/lib",
                "/lib",
            };
        }

        private static string? LocateWithLdconfig()
        {
            // "ldconfig -p" lines look like: "\tlibstdc++.so.6 (libc6,x86-64) => /lib/x86_64-linux-gnu/libstdc++.so.6".
            var architectureTag = RuntimeInformation.ProcessArchitecture == Architecture.Arm64 ? "AArch64" : "x86-64";
            foreach (var line in ReadLdconfigCache())
            {
                var trimmed = line.Trim();
                var arrow = trimmed.IndexOf("=>", StringComparison.Ordinal);
                if (trimmed.StartsWith(LibraryName + " ", StringComparison.Ordinal) && arrow > 0 && trimmed.IndexOf(architectureTag, StringComparison.Ordinal) >= 0)
                {
                    return trimmed.Substring(arrow + 2).Trim();
                }
            }

            return null;
        }

        private static string[] ReadLdconfigCache()
        {
            foreach (var ldconfig in new[] { "/sbin/ldconfig", "/usr/sbin/ldconfig", "ldconfig" })
            {
                try
                {
                    var start = new ProcessStartInfo(ldconfig, "-p") { RedirectStandardOutput = true, UseShellExecute = false };
                    using var process = Process.Start(start);
                    if (process is null)
                    {
                        continue;
                    }

                    var output = process.StandardOutput.ReadToEnd();
                    process.WaitForExit();
                    return output.Split('\n');
                }
                catch (Win32Exception)
                {
                    // Not at this path; try the next one.
                }
            }

            return Array.Empty<string>();
        }
    }
}
