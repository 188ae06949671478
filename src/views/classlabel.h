#pragma once

#include <QString>

namespace attn {

// A classifier's label name as the interface shows it. Label names come from the model folder's config.json
// ("positive", "entails", ...) and stay English in files and JSON; the names of the shipped classifiers are
// translated here (context "attn::ClassLabel"), any other name is shown as the folder spells it.
QString classLabelText(const QString& name);

} // namespace attn
