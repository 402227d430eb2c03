using ConformanceKit.Spec;
using ConformanceKit.Targets;

namespace ConformanceKit.Tests.Targets;

/// <summary>
/// A throw-away project folder for the layout and plan tests: files written by relative path, a dext
/// folder in it, and its plan made as the harness makes it. Deleted on dispose.
/// </summary>
internal sealed class ScratchProject : IDisposable
{
    public const string Plist = """
        <?xml version="1.0" encoding="UTF-8"?>
        <plist version="1.0">
        <dict>
        	<key>CFBundleIdentifier</key>
        	<string>$(PRODUCT_BUNDLE_IDENTIFIER)</string>
        </dict>
        </plist>

        """;

    public ScratchProject() => Root = Directory.CreateDirectory(Path.Combine(Path.GetTempPath(), $"ck-layout-{Guid.NewGuid():N}")).FullName;

    public string Root { get; }

    public string this[string relative] => Path.Combine(Root, relative);

    public ScratchProject Write(string relative, string content = "// x\n")
    {
        Directory.CreateDirectory(Path.GetDirectoryName(this[relative])!);
        File.WriteAllText(this[relative], content);
        return this;
    }

    /// <summary>A dext folder NAME with a plist and, unless told otherwise, a flat .iig and .cpp.</summary>
    public ScratchProject Dext(string name = "MyDriver", bool flatSources = true)
    {
        Write($"{name}/Info.plist", Plist);
        if (flatSources) Write($"{name}/{name}.iig").Write($"{name}/{name}.cpp");
        return this;
    }

    /// <summary>NAME/spec.yaml: a minimal valid spec plus the given lines (build:, sources:, include:).</summary>
    public DispatchSpec Spec(string name = "MyDriver", string extra = "")
    {
        Write($"{name}/spec.yaml", $"specVersion: 1\ndext: {name}\nselectors:\n  - selector: 0\n{extra}");
        return SpecLoader.LoadFile(this[$"{name}/spec.yaml"]);
    }

    public DextLayout Layout(string name = "MyDriver", DispatchSpec? spec = null) => DextLayout.Resolve(this[name], spec);

    public DextPlan Plan(string name = "MyDriver", DispatchSpec? spec = null) => DextPlan.For(this[name], spec);

    public void Dispose() => Directory.Delete(Root, recursive: true);
}
