// Lesson files (.attnlesson) and the formula notation inside them: parseLesson promises never to throw or crash,
// and to round-trip what it returns through saveLesson; parseFormula the same through formulaToSource (for
// formulas that parse).
#include "core/formula.h"
#include "core/lesson.h"

#include <QByteArray>

#include <cstdint>
#include <cstdio>

namespace {

void checkFormula(const QString& source)
{
    const attn::FormulaParse first = attn::parseFormula(source);
    (void)attn::formulaToPlainText(first.root);
    (void)attn::formulaToSource(first.root);
    if (!first.ok()) {
        return; // the round trip is promised for what parses: a partial tree stops where the error was
    }
    const attn::FormulaParse again = attn::parseFormula(attn::formulaToSource(first.root));
    if (again.root != first.root) {
        std::fprintf(stderr, "formula round trip changed the tree of '%s'\n", qPrintable(source));
        __builtin_trap();
    }
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    const QByteArray bytes(reinterpret_cast<const char*>(data), qsizetype(size));
    const attn::LessonParseResult result = attn::parseLesson(bytes, QStringLiteral("fuzz.attnlesson"));
    (void)result.messages();
    if (result.fileIndex.size() != result.lesson.steps.size()) {
        __builtin_trap(); // one file index per kept step
    }
    for (const attn::LessonStep& step : result.lesson.steps) {
        for (const char* language : {"en", "zh_CN"}) {
            checkFormula(step.formula.text(QLatin1String(language)));
        }
    }
    (void)attn::checkStepIndex(result.lesson, int(result.lesson.steps.size()), QStringLiteral("fuzz"));
    const attn::LessonParseResult reread = attn::parseLesson(attn::saveLesson(result.lesson), QStringLiteral("saved"));
    if (reread.lesson != result.lesson) {
        std::fprintf(stderr, "saveLesson then parseLesson changed the lesson\n");
        __builtin_trap();
    }
    // The formula notation on its own, from the raw bytes.
    checkFormula(QString::fromUtf8(bytes));
    return 0;
}
