#pragma once

#include <QWidget>

#include <functional>

class QButtonGroup;
class QCheckBox;
class QGridLayout;
class QLabel;
class QPushButton;

namespace aiband {

class AuditionPlayer;
class Orchestrator;

// Play / Stop / Loop for a take, a row per part (mute, "only this part", volume), where the
// playhead is, Export audio…, and a line saying what went wrong. Give it files with setTake():
// the Files tab gives the selected take, Try it can give what it generated.
class AuditionBar : public QWidget {
    Q_OBJECT
public:
    // Asks where to export; an empty answer cancels. Tests give one that answers at once.
    using SavePathChooser = std::function<QString(QWidget *parent, const QString &suggestedName)>;

    explicit AuditionBar(Orchestrator &orchestrator, QWidget *parent = nullptr);

    AuditionPlayer *player() const { return m_player; }
    void setTake(const QStringList &fileNames);
    // What the bar plays, in words ("The take of the selected file: 3 parts").
    void setTitle(const QString &title);
    void setSavePathChooser(SavePathChooser chooser) { m_chooser = std::move(chooser); }
    QString message() const;

public slots:
    void exportAudio();   // asks where, then renders the take as it sounds now

private:
    void rebuildParts();
    void updateControls();
    void updatePosition(double seconds);
    void showMessage(const QString &message);

    AuditionPlayer *m_player;
    SavePathChooser m_chooser;
    QLabel *m_title;
    QPushButton *m_play;
    QPushButton *m_stop;
    QCheckBox *m_loop;
    QLabel *m_position;
    QPushButton *m_export;
    QGridLayout *m_partRows;
    QLabel *m_message;
    QList<QWidget *> m_partWidgets;
    QButtonGroup *m_soloButtons = nullptr;
};

} // namespace aiband
