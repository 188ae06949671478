#pragma once
// `attend --model DIR --image FILE` (issue 16): a Hugging Face ViT folder run on an image, as its
// preprocessor_config.json says, printed in the `attend` JSON (DESIGN.md section 3).

#include <QCommandLineParser>

namespace attn::cli {

// The options `attend` adds for images (--image).
void addAttendImageOptions(QCommandLineParser& parser);
// Runs --image with --model (and --layers); returns the exit status. Errors: one line on stderr.
int attendImage(const QCommandLineParser& parser);

} // namespace attn::cli
