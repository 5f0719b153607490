using Mono.Cecil;
using Mono.Cecil.Cil;

namespace MLNet.Autoencoders.Tests.Reliability;

/// <summary>
/// Reads the IL of our assemblies and of TorchSharp, and lists every place where a TorchSharp <c>Scalar</c> can be freed
/// by its finalizer while native code still reads it: a Scalar that our code creates and does not keep referenced (stored in
/// a field, or in a local that is disposed after the call), and every call into a TorchSharp method that makes such a
/// temporary itself (<c>Tensor.add_(Scalar)</c> is <c>add_(scalar, 1)</c>; <c>a + b</c> is <c>a.add(b, 1)</c>).
/// </summary>
internal static class NativeScalarAudit
{
    private const int MaxDepth = 8;

    /// <summary>Every finding, one line each: the method of ours, the IL offset and what it calls.</summary>
    public static IReadOnlyList<string> Find(IEnumerable<string> assemblyPaths)
    {
        var paths = assemblyPaths.ToArray();
        using var resolver = new DefaultAssemblyResolver();
        foreach (var directory in paths.Select(Path.GetDirectoryName).Distinct())
            resolver.AddSearchDirectory(directory!);
        var parameters = new ReaderParameters { AssemblyResolver = resolver };
        var unsafeCache = new Dictionary<string, string?>(StringComparer.Ordinal);
        var findings = new List<string>();
        foreach (var path in paths)
        {
            using var assembly = AssemblyDefinition.ReadAssembly(path, parameters);
            foreach (var method in assembly.MainModule.GetTypes().SelectMany(t => t.Methods).Where(m => m.HasBody))
            {
                foreach (var instruction in method.Body.Instructions)
                {
                    if (instruction.Operand is not MethodReference callee || !IsCall(instruction))
                        continue;
                    string where = $"{method.DeclaringType.FullName}::{method.Name} at IL_{instruction.Offset:x4}";
                    if (IsScalarCreation(callee))
                    {
                        if (!IsHeld(method, instruction))
                            findings.Add($"{where}: creates a Scalar ({callee.Name}) that nothing keeps referenced until the native call returns");
                        continue;
                    }
                    if (!IsTorchSharp(callee))
                        continue;
                    if (MakesTemporaryScalar(callee, unsafeCache, 0) is { } chain)
                        findings.Add($"{where}: calls {Describe(callee)}, which makes a temporary Scalar ({chain})");
                    if (ModuleForward(callee) is { } forward && MakesTemporaryScalar(forward, unsafeCache, 0) is { } forwardChain)
                        findings.Add($"{where}: builds {callee.ReturnType.Name}, whose forward makes a temporary Scalar ({forwardChain})");
                }
            }
        }
        return findings;
    }

    private static bool IsCall(Instruction instruction) =>
        instruction.OpCode.Code is Code.Call or Code.Callvirt or Code.Newobj or Code.Ldftn or Code.Ldvirtftn;

    private static bool IsTorchSharp(MemberReference member) =>
        member.DeclaringType?.Scope?.Name is "TorchSharp" or "TorchSharp.dll" || member.Module.Assembly.Name.Name == "TorchSharp";

    private static bool IsScalarCreation(MethodReference callee) =>
        (callee.DeclaringType.FullName == "TorchSharp.Scalar" && callee.Name == "op_Implicit") ||
        (callee.DeclaringType.FullName == "TorchSharp.TensorExtensionMethods" && callee.Name == "ToScalar");

    /// <summary>
    /// Whether the Scalar that <paramref name="creation"/> returns is stored in a field (which lives as long as its owner),
    /// or in a local that the method disposes later (a <c>using</c> declaration keeps it referenced until then).
    /// </summary>
    private static bool IsHeld(MethodDefinition method, Instruction creation)
    {
        var next = creation.Next;
        if (next is null)
            return false;
        if (next.OpCode.Code is Code.Stfld or Code.Stsfld)
            return true;
        if (LocalIndex(next, store: true) is not { } local)
            return false;
        return method.Body.Instructions.Any(i => i.Offset > next.Offset && LocalIndex(i, store: false) == local
            && i.Next is { } after && (IsDispose(after) || (after.OpCode.Code is Code.Brfalse or Code.Brfalse_S && after.Next is { } load
                && LocalIndex(load, store: false) == local && load.Next is { } call && IsDispose(call))));
    }

    private static bool IsDispose(Instruction instruction) =>
        instruction.Operand is MethodReference { Name: "Dispose" } && instruction.OpCode.Code is Code.Call or Code.Callvirt;

    private static int? LocalIndex(Instruction instruction, bool store) => (instruction.OpCode.Code, store) switch
    {
        (Code.Stloc_0, true) or (Code.Ldloc_0, false) => 0,
        (Code.Stloc_1, true) or (Code.Ldloc_1, false) => 1,
        (Code.Stloc_2, true) or (Code.Ldloc_2, false) => 2,
        (Code.Stloc_3, true) or (Code.Ldloc_3, false) => 3,
        (Code.Stloc or Code.Stloc_S, true) or (Code.Ldloc or Code.Ldloc_S, false) => ((VariableDefinition)instruction.Operand).Index,
        _ => null,
    };

    /// <summary>The chain of TorchSharp methods down to an unheld Scalar creation, or null when there is none.</summary>
    private static string? MakesTemporaryScalar(MethodReference reference, Dictionary<string, string?> cache, int depth)
    {
        string key = reference.FullName;
        if (cache.TryGetValue(key, out var known))
            return known;
        if (depth > MaxDepth)
            return null;
        cache[key] = null;   // breaks recursion
        MethodDefinition? method;
        try { method = reference.Resolve(); }
        catch (AssemblyResolutionException e) { throw new InvalidOperationException($"Cannot read {reference.FullName}: {e.Message}", e); }
        string? result = null;
        if (method is { HasBody: true })
        {
            foreach (var instruction in method.Body.Instructions)
            {
                if (instruction.Operand is not MethodReference callee || !IsCall(instruction))
                    continue;
                if (IsScalarCreation(callee))
                {
                    if (!IsHeld(method, instruction))
                    {
                        result = $"{Describe(method)} IL_{instruction.Offset:x4}";
                        break;
                    }
                    continue;
                }
                if (IsTorchSharp(callee) && MakesTemporaryScalar(callee, cache, depth + 1) is { } inner)
                {
                    result = $"{Describe(method)} -> {inner}";
                    break;
                }
            }
        }
        cache[key] = result;
        return result;
    }

    /// <summary>For a TorchSharp call that returns a module (<c>nn.Linear(...)</c>), the module's <c>forward</c>.</summary>
    private static MethodReference? ModuleForward(MethodReference callee)
    {
        TypeDefinition? type;
        try { type = callee.ReturnType.Resolve(); }
        catch (AssemblyResolutionException) { return null; }
        for (var current = type; current is not null; current = Base(current))
        {
            if (current.Methods.FirstOrDefault(m => m.Name == "forward" && m.HasBody) is { } forward)
                return forward;
        }
        return null;
    }

    private static TypeDefinition? Base(TypeDefinition type)
    {
        try { return type.BaseType?.Resolve(); }
        catch (AssemblyResolutionException) { return null; }
    }

    private static string Describe(MethodReference method) =>
        $"{method.DeclaringType.Name}.{method.Name}({string.Join(", ", method.Parameters.Select(p => p.ParameterType.Name))})";
}
