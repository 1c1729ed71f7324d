package io.nightshift.web;

import java.util.List;
import java.util.Locale;

import org.springframework.web.util.HtmlUtils;

/** Small inline SVG charts: no script, no network, readable without colour. */
final class Charts {

	private Charts() {
	}

	/** A line chart of the points with values; gaps where a value is missing. */
	static String line(List<Point> points, String label) {
		int width = 720;
		int height = 180;
		int left = 56;
		int bottom = 24;
		double max = points.stream().filter((p) -> p.value() != null).mapToDouble(Point::value).max().orElse(1);
		max = (max <= 0) ? 1 : max * 1.1;
		StringBuilder svg = new StringBuilder();
		svg.append(String.format(Locale.ROOT,
				"<svg xmlns=\"http://www.w3.org/2000/svg\" role=\"img\" viewBox=\"0 0 %d %d\" width=\"%d\" height=\"%d\">",
				width, height, width, height));
		svg.append("<title>").append(HtmlUtils.htmlEscape(label)).append("</title>");
		svg.append(String.format(Locale.ROOT,
				"<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"#888\"/><text x=\"4\" y=\"12\" font-size=\"11\">%s</text>"
						+ "<text x=\"4\" y=\"%d\" font-size=\"11\">%.0f</text>",
				left, height - bottom, width - 8, height - bottom, HtmlUtils.htmlEscape(label), 26, max));
		int n = points.size();
		StringBuilder path = new StringBuilder();
		boolean drawing = false;
		for (int i = 0; i < n; i++) {
			Point point = points.get(i);
			double x = left + ((n == 1) ? 0 : (double) (width - 8 - left) * i / (n - 1));
			if (point.value() == null) {
				drawing = false;
				continue;
			}
			double y = (height - bottom) - (height - bottom - 16) * point.value() / max;
			path.append(drawing ? " L" : " M").append(String.format(Locale.ROOT, "%.1f %.1f", x, y));
			drawing = true;
			svg.append(String.format(Locale.ROOT,
					"<circle cx=\"%.1f\" cy=\"%.1f\" r=\"2.5\"><title>%s: %.0f</title></circle>", x, y,
					HtmlUtils.htmlEscape(point.label()), point.value()));
		}
		svg.append("<path fill=\"none\" stroke=\"#2b6cb0\" stroke-width=\"2\" d=\"").append(path).append("\"/>");
		if (n > 0) {
			svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" font-size=\"11\">%s</text>", left,
					height - 6, HtmlUtils.htmlEscape(points.get(0).label())));
			svg.append(
					String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" font-size=\"11\" text-anchor=\"end\">%s</text>",
							width - 8, height - 6, HtmlUtils.htmlEscape(points.get(n - 1).label())));
		}
		return svg.append("</svg>").toString();
	}

	record Point(String label, Double value) {
	}

}
