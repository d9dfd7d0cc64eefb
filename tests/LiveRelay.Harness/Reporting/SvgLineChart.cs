using System.Globalization;
using System.Security;
using System.Text;

namespace LiveRelay.Harness.Reporting;

/// <summary>A plain SVG line chart: one value per second for each series, with dashed reference lines (limits) and markers (events).</summary>
internal sealed class SvgLineChart(string title, string yLabel)
{
    private const int Width = 900;
    private const int Height = 340;
    private const int Left = 60;
    private const int Right = 170;
    private const int Top = 36;
    private const int Bottom = 44;

    private readonly List<(string Name, IReadOnlyList<double> Values, string Color)> _series = [];
    private readonly List<(double Y, string Label, string Color)> _levels = [];
    private readonly List<(double X, string Label, string Color)> _markers = [];

    public SvgLineChart Series(string name, IReadOnlyList<double> perSecond, string color)
    {
        _series.Add((name, perSecond, color));
        return this;
    }

    public SvgLineChart Level(double y, string label, string color)
    {
        _levels.Add((y, label, color));
        return this;
    }

    public SvgLineChart Marker(double x, string label, string color)
    {
        _markers.Add((x, label, color));
        return this;
    }

    public string Render()
    {
        var seconds = Math.Max(1, _series.Select(static s => s.Values.Count).DefaultIfEmpty(1).Max());
        var top = Nice(Math.Max(1, _series.SelectMany(static s => s.Values).Concat(_levels.Select(static l => l.Y)).DefaultIfEmpty(1).Max() * 1.1));
        var plotWidth = Width - Left - Right;
        var plotHeight = Height - Top - Bottom;
        double X(double second) => Left + (second / seconds * plotWidth);
        double Y(double value) => Top + plotHeight - (value / top * plotHeight);

        var svg = new StringBuilder();
        Line(svg, $"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{Width}\" height=\"{Height}\" viewBox=\"0 0 {Width} {Height}\" font-family=\"sans-serif\" font-size=\"12\">");
        Line(svg, $"<rect width=\"{Width}\" height=\"{Height}\" fill=\"white\"/>");
        Line(svg, $"<text x=\"{Left}\" y=\"20\" font-size=\"15\" font-weight=\"bold\">{Escape(title)}</text>");

        for (var i = 0; i <= 5; i++)
        {
            var value = top * i / 5;
            Line(svg, $"<line x1=\"{Left}\" y1=\"{F(Y(value))}\" x2=\"{Left + plotWidth}\" y2=\"{F(Y(value))}\" stroke=\"#e5e5e5\"/>");
            Line(svg, $"<text x=\"{Left - 6}\" y=\"{F(Y(value) + 4)}\" text-anchor=\"end\">{F(value)}</text>");
        }

        var step = Nice(seconds / 10.0);
        for (var s = 0.0; s <= seconds; s += step)
        {
            Line(svg, $"<line x1=\"{F(X(s))}\" y1=\"{Top + plotHeight}\" x2=\"{F(X(s))}\" y2=\"{Top + plotHeight + 4}\" stroke=\"#333\"/>");
            Line(svg, $"<text x=\"{F(X(s))}\" y=\"{Top + plotHeight + 17}\" text-anchor=\"middle\">{F(s)}</text>");
        }

        Line(svg, $"<line x1=\"{Left}\" y1=\"{Top + plotHeight}\" x2=\"{Left + plotWidth}\" y2=\"{Top + plotHeight}\" stroke=\"#333\"/>");
        Line(svg, $"<line x1=\"{Left}\" y1=\"{Top}\" x2=\"{Left}\" y2=\"{Top + plotHeight}\" stroke=\"#333\"/>");
        Line(svg, $"<text x=\"{Left + (plotWidth / 2)}\" y=\"{Height - 8}\" text-anchor=\"middle\">seconds</text>");
        Line(svg, $"<text transform=\"translate(16 {Top + (plotHeight / 2)}) rotate(-90)\" text-anchor=\"middle\">{Escape(yLabel)}</text>");

        foreach (var (y, label, color) in _levels)
        {
            Line(svg, $"<line x1=\"{Left}\" y1=\"{F(Y(y))}\" x2=\"{Left + plotWidth}\" y2=\"{F(Y(y))}\" stroke=\"{color}\" stroke-dasharray=\"6 4\"/>");
            Line(svg, $"<text x=\"{Left + plotWidth + 6}\" y=\"{F(Y(y) + 4)}\" fill=\"{color}\">{Escape(label)}</text>");
        }

        // Markers close together (a kill and the restart) get their labels on separate lines.
        for (var i = 0; i < _markers.Count; i++)
        {
            var (x, label, color) = _markers[i];
            Line(svg, $"<line x1=\"{F(X(x))}\" y1=\"{Top}\" x2=\"{F(X(x))}\" y2=\"{Top + plotHeight}\" stroke=\"{color}\" stroke-dasharray=\"2 3\"/>");
            Line(svg, $"<text x=\"{F(X(x) + 3)}\" y=\"{Top + 12 + (14 * i)}\" fill=\"{color}\">{Escape(label)}</text>");
        }

        var legend = Top + 40;
        foreach (var (name, values, color) in _series)
        {
            var points = string.Join(' ', values.Select((v, i) => $"{F(X(i + 0.5))},{F(Y(v))}"));
            Line(svg, $"<polyline fill=\"none\" stroke=\"{color}\" stroke-width=\"1.6\" points=\"{points}\"/>");
            Line(svg, $"<line x1=\"{Left + plotWidth + 6}\" y1=\"{legend}\" x2=\"{Left + plotWidth + 26}\" y2=\"{legend}\" stroke=\"{color}\" stroke-width=\"3\"/>");
            Line(svg, $"<text x=\"{Left + plotWidth + 30}\" y=\"{legend + 4}\">{Escape(name)}</text>");
            legend += 18;
        }

        Line(svg, "</svg>");
        return svg.ToString();
    }

    /// <summary>Rounds up to 1, 2 or 5 times a power of ten.</summary>
    private static double Nice(double value)
    {
        if (value <= 0)
        {
            return 1;
        }

        var power = Math.Pow(10, Math.Floor(Math.Log10(value)));
        var fraction = value / power;
        return (fraction <= 1 ? 1 : fraction <= 2 ? 2 : fraction <= 5 ? 5 : 10) * power;
    }

    private static string F(double value) => value.ToString("0.##", CultureInfo.InvariantCulture);

    private static string Escape(string text) => SecurityElement.Escape(text) ?? string.Empty;

    private static void Line(StringBuilder svg, string line) => svg.Append(line).Append('\n');
}
