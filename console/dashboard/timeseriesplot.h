#pragma once
// A small line plot drawn with QPainter for the dashboard: a few named series over the same
// per-second x axis (the admin API's series), with a y axis that fits the data and a legend.

#include <QColor>
#include <QList>
#include <QString>
#include <QVector>
#include <QWidget>

namespace skydns::console {

// TimeSeriesPlot draws lines for its series, newest second at the right edge.
class TimeSeriesPlot final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(TimeSeriesPlot)

public:
    // Series is one line: a name for the legend, a colour and one value per second (oldest first).
    struct Series
    {
        QString name;
        QColor color;
        QVector<double> values;
    };

    // TimeSeriesPlot shows title above the plot and unit next to the y axis labels.
    explicit TimeSeriesPlot(const QString &title, const QString &unit, QWidget *parent = nullptr);

    // setSeries replaces every line (all of the same length) and repaints.
    void setSeries(const QList<Series> &series);
    const QList<Series> &series() const { return m_series; }
    // setFixedMaximum pins the y axis top (e.g. 100 for a percentage); 0 = fit the data.
    void setFixedMaximum(double maximum);
    // yMaximum is the y axis top used by the last paint (or that the next one will use).
    double yMaximum() const;
    QString title() const { return m_title; }

    QSize sizeHint() const override;
    QSize minimumSizeHint() const override;

protected:
    void paintEvent(QPaintEvent *event) override;

private:
    QString m_title;
    QString m_unit;
    QList<Series> m_series;
    double m_fixedMaximum = 0;
};

} // namespace skydns::console
