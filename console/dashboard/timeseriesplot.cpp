#include "dashboard/timeseriesplot.h"

#include <QFontMetrics>
#include <QPainter>
#include <QPainterPath>

#include <cmath>

namespace skydns::console {

namespace {

// niceCeiling rounds up to 1, 2 or 5 times a power of ten, so the axis labels read well.
double niceCeiling(double v)
{
    if (v <= 0)
        return 1;
    const double magnitude = std::pow(10.0, std::floor(std::log10(v)));
    for (double step : {1.0, 2.0, 5.0, 10.0})
        if (v <= step * magnitude)
            return step * magnitude;
    return 10 * magnitude;
}

QString axisLabel(double v)
{
    return v >= 100 || v == std::floor(v) ? QString::number(v, 'f', 0) : QString::number(v, 'g', 3);
}

} // namespace

TimeSeriesPlot::TimeSeriesPlot(const QString &title, const QString &unit, QWidget *parent)
    : QWidget(parent)
    , m_title(title)
    , m_unit(unit)
{
    setAttribute(Qt::WA_OpaquePaintEvent);
    setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Expanding);
    setAccessibleName(title);
}

void TimeSeriesPlot::setSeries(const QList<Series> &series)
{
    m_series = series;
    update();
}

void TimeSeriesPlot::setFixedMaximum(double maximum)
{
    m_fixedMaximum = maximum;
    update();
}

double TimeSeriesPlot::yMaximum() const
{
    if (m_fixedMaximum > 0)
        return m_fixedMaximum;
    double top = 0;
    for (const Series &s : m_series)
        for (double v : s.values)
            top = std::max(top, v);
    return niceCeiling(top);
}

QSize TimeSeriesPlot::sizeHint() const
{
    return {420, 200};
}

QSize TimeSeriesPlot::minimumSizeHint() const
{
    return {200, 120};
}

void TimeSeriesPlot::paintEvent(QPaintEvent *)
{
    QPainter p(this);
    p.setRenderHint(QPainter::Antialiasing);
    const QPalette pal = palette();
    p.fillRect(rect(), pal.color(QPalette::Base));
    const QFontMetrics fm(font());
    const double top = yMaximum();

    const int titleHeight = fm.height() + 4;
    const int left = fm.horizontalAdvance(axisLabel(top) + m_unit) + 10;
    const int legendHeight = fm.height() + 6;
    const QRect plot(left, titleHeight, std::max(10, width() - left - 8),
                     std::max(10, height() - titleHeight - legendHeight - fm.height() - 4));

    p.setPen(pal.color(QPalette::Text));
    p.drawText(QRect(0, 0, width(), titleHeight), Qt::AlignHCenter | Qt::AlignVCenter, m_title);

    // Grid and y labels at 0, 1/2 and the top: enough to read a rate without crowding.
    QColor grid = pal.color(QPalette::Mid);
    grid.setAlpha(110);
    for (int i = 0; i <= 2; ++i) {
        const double value = top * i / 2.0;
        const int y = plot.bottom() - int(plot.height() * i / 2.0);
        p.setPen(QPen(grid, 1, i == 0 ? Qt::SolidLine : Qt::DashLine));
        p.drawLine(plot.left(), y, plot.right(), y);
        p.setPen(pal.color(QPalette::Text));
        p.drawText(QRect(0, y - fm.height() / 2, left - 4, fm.height()), Qt::AlignRight | Qt::AlignVCenter,
                   axisLabel(value) + m_unit);
    }

    int points = 0;
    for (const Series &s : m_series)
        points = std::max(points, int(s.values.size()));
    p.setPen(pal.color(QPalette::PlaceholderText));
    const QString span = points > 0 ? tr("last %n s", nullptr, points) : tr("no data yet");
    p.drawText(QRect(plot.left(), plot.bottom() + 2, plot.width(), fm.height()), Qt::AlignRight, span);

    p.save();
    p.setClipRect(plot.adjusted(-1, -1, 1, 1));
    for (const Series &s : m_series) {
        if (s.values.isEmpty())
            continue;
        QPainterPath path;
        const int n = int(s.values.size());
        // Right-aligned: the newest second sits at the right edge whatever the series length.
        const double step = points > 1 ? double(plot.width()) / (points - 1) : 0;
        const int offset = points - n;
        for (int i = 0; i < n; ++i) {
            const double x = plot.left() + (offset + i) * step + (points == 1 ? plot.width() : 0);
            const double y = plot.bottom() - plot.height() * std::clamp(s.values[i] / top, 0.0, 1.0);
            if (i == 0)
                path.moveTo(x, y);
            else
                path.lineTo(x, y);
        }
        p.setPen(QPen(s.color, 1.8));
        p.drawPath(path);
    }
    p.restore();

    int x = plot.left();
    const int ly = height() - legendHeight + 2;
    for (const Series &s : m_series) {
        p.fillRect(QRect(x, ly + fm.height() / 2 - 3, 12, 6), s.color);
        x += 16;
        p.setPen(pal.color(QPalette::Text));
        p.drawText(QPoint(x, ly + fm.ascent()), s.name);
        x += fm.horizontalAdvance(s.name) + 14;
    }
}

} // namespace skydns::console
