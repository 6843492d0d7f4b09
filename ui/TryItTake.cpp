#include "TryItTake.h"

#include "PartTitle.h"
#include "PianoRollView.h"

#include <QJsonObject>
#include <QLabel>
#include <QVBoxLayout>

namespace aiband {

TryItTake::TryItTake(const GenerationResult &result, NoteNaming naming, QWidget *parent)
    : QWidget(parent),
      m_files(result.files),
      m_seed(static_cast<quint32>(result.arrangement.seed)),
      m_previous(new QLabel(tr("Previous take: the new one could not be made, so this one stays.")))
{
    setObjectName(QStringLiteral("take"));
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);

    m_previous->setObjectName(QStringLiteral("previousTake"));
    m_previous->setStyleSheet(QStringLiteral("color: palette(mid); font-style: italic;"));
    m_previous->setWordWrap(true);
    m_previous->hide();
    layout->addWidget(m_previous);

    auto *summary = new QLabel(tr("Key %1 · %2 bars · seed %3")
                                   .arg(chordsFromStandard(result.arrangement.key, naming))
                                   .arg(result.arrangement.bars)
                                   .arg(m_seed));
    summary->setObjectName(QStringLiteral("takeSummary"));
    summary->setTextInteractionFlags(Qt::TextSelectableByMouse);
    layout->addWidget(summary);
    for (const GeneratedFile &file : result.files)
        addPart(file);
}

void TryItTake::addPart(const GeneratedFile &file)
{
    auto *title = new QLabel(tr("<b>%1</b> · %n notes · %2", nullptr, file.noteCount)
                                 .arg(partTitle(file.trackType).toHtmlEscaped(), file.file.name.toHtmlEscaped()));
    title->setObjectName(QStringLiteral("title_") + file.trackType);

    auto *roll = new PianoRollView;
    roll->setObjectName(QStringLiteral("preview_") + file.trackType);
    roll->setMinimumHeight(140);
    roll->setFile(file.file.path);
    m_rolls.append(roll);

    auto *layout = static_cast<QVBoxLayout *>(this->layout());
    layout->addWidget(title);
    layout->addWidget(roll);
}

void TryItTake::setPlayhead(std::optional<double> seconds)
{
    for (PianoRollView *roll : std::as_const(m_rolls))
        roll->setPlayhead(seconds);
}

void TryItTake::markAsPrevious()
{
    m_previous->show();
}

bool TryItTake::isPrevious() const
{
    return !m_previous->isHidden();
}

} // namespace aiband
