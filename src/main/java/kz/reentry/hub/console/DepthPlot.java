package kz.reentry.hub.console;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The outbox's depth over time drawn on the server as an inline SVG line (no script, nothing fetched):
 * the points of outboxDepth scaled into the plot area, with the values for the table beside it.
 *
 * @param points  the polyline's points attribute ("x,y x,y ...")
 * @param values  the depth at each time, for the table that says the same in words
 * @param highest the top of the scale (at least 1)
 */
public record DepthPlot(String points, List<Map<String, Object>> values, long highest, long latest, String from, String to) {

    static final int WIDTH = 600;
    static final int HEIGHT = 200;
    /** Room for the scale's labels on the left and the times below. */
    static final int LEFT = 40;
    static final int BOTTOM = 20;
    static final int TOP = 10;

    /** The plot of the API's outboxDepth points, or null when there are none (refused). */
    static DepthPlot of(List<Map<String, Object>> depth) {
        if (depth == null || depth.size() < 2) {
            return null;
        }
        long highest = Math.max(1, depth.stream().mapToLong(p -> ((Number) p.get("depth")).longValue()).max().orElse(1));
        List<String> xy = new ArrayList<>();
        double width = WIDTH - LEFT - 10;
        double height = HEIGHT - BOTTOM - TOP;
        for (int i = 0; i < depth.size(); i++) {
            long value = ((Number) depth.get(i).get("depth")).longValue();
            double x = LEFT + width * i / (depth.size() - 1);
            double y = TOP + height - height * value / highest;
            xy.add(String.format(Locale.ROOT, "%.1f,%.1f", x, y));
        }
        return new DepthPlot(String.join(" ", xy), depth, highest, ((Number) depth.getLast().get("depth")).longValue(),
                (String) depth.getFirst().get("at"), (String) depth.getLast().get("at"));
    }

    public int width() {
        return WIDTH;
    }

    public int height() {
        return HEIGHT;
    }

    public int left() {
        return LEFT;
    }

    public int top() {
        return TOP;
    }

    public int bottom() {
        return HEIGHT - BOTTOM;
    }

    public int right() {
        return WIDTH - 10;
    }
}
