#include "Generator.h"

#include "FileParser.h"
#include "HeaderWriter.h"
#include "ImplWriter.h"
#include "MethodKinds.h"

namespace dkiig {

GeneratedFiles generate(const std::string &iigSource, const OutputNames &names)
{
    IigFile file = parseIigFile(iigSource);
    for (IigItem &item : file.items)
        if (auto *cls = std::get_if<ClassDecl>(&item)) assignMethodKinds(*cls);
    return GeneratedFiles{writeHeader(file, names), writeImpl(file, names)};
}

} // namespace dkiig
