namespace Scheduler.Core.Validation;

/// <summary>What an <see cref="ErrorPath"/> points at.</summary>
public enum ErrorPlace
{
    /// <summary>A place in the scenario document, as a JSON path: <c>$.titles[3].readiness.jp</c>.</summary>
    Json,

    /// <summary>A line and column of a text that is not JSON at all.</summary>
    Text,

    /// <summary>The file as a whole (it cannot be read).</summary>
    File,

    /// <summary>
    /// The variant the caller asked for, which the document does not resolve: each front end names
    /// the place its user chose it (a command-line option, a field of a request).
    /// </summary>
    RequestedVariant,
}

/// <summary>
/// Where a scenario error was found, inside a variant or not. The loader speaks only of the
/// document; a front end that lets the user name a variant renders <see cref="ErrorPlace.RequestedVariant"/>
/// in its own terms (<see cref="Render"/>).
/// </summary>
public sealed record ErrorPath
{
    private ErrorPath(ErrorPlace place, string text, string? variant)
    {
        Place = place;
        Text = text;
        Variant = variant;
    }

    /// <summary>The variant asked for, as the loader names it when no front end renders it.</summary>
    public static ErrorPath RequestedVariant { get; } = new(ErrorPlace.RequestedVariant, "variant", null);

    public ErrorPlace Place { get; }

    /// <summary>The JSON path, the line and column, or the file's name.</summary>
    public string Text { get; }

    /// <summary>The variant whose changes the error was found in; null for the scenario itself.</summary>
    public string? Variant { get; }

    /// <summary>
    /// Where a scenario written as a workbook holds the place, such as <c>Titles!F12, column "latest"</c>;
    /// null for a JSON document. Shown beside the JSON path it maps to.
    /// </summary>
    public string? Cell { get; private init; }

    /// <exception cref="ArgumentException"><paramref name="path"/> is not a JSON path (it starts with <c>$</c>).</exception>
    public static ErrorPath Json(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (!path.StartsWith(JsonPath.Root, StringComparison.Ordinal))
        {
            throw new ArgumentException($"'{path}' is not a JSON path.", nameof(path));
        }

        return new ErrorPath(ErrorPlace.Json, path, null);
    }

    public static ErrorPath LineAndColumn(long line, long column) => new(ErrorPlace.Text, Messages.LineAndColumn(line, column), null);

    public static ErrorPath File(string path) => new(ErrorPlace.File, Preconditions.CheckNotNull(path), null);

    /// <summary>The same place as seen inside variant <paramref name="variantId"/>'s changes.</summary>
    public ErrorPath InVariant(string variantId) => new(Place, Text, Preconditions.CheckNotNull(variantId)) { Cell = Cell };

    /// <summary>The same place, found in the workbook cell (or row, or sheet) <paramref name="cell"/>.</summary>
    public ErrorPath AtCell(string cell) => this with { Cell = Preconditions.CheckNotNull(cell) };

    /// <summary>The path as a front end shows it, with <paramref name="requestedVariant"/> for the variant its user asked for.</summary>
    public string Render(string requestedVariant)
    {
        var text = Place == ErrorPlace.RequestedVariant ? requestedVariant : Text;
        text = Cell is null ? text : $"{Cell} ({text})";
        return Variant is null ? text : $"variant '{Variant}': {text}";
    }

    public override string ToString() => Render(Text);
}
