// SPDX-License-Identifier: GPL-3.0-or-later
#include "checksum.h"

#include "openfiles.h"

#include <openssl/evp.h>

#include <cstdio>
#include <memory>

namespace gengbao::core {

Result<FileChecksum> sha256OfFiles(const std::vector<std::string> &paths)
{
    std::unique_ptr<EVP_MD_CTX, decltype(&EVP_MD_CTX_free)> context(EVP_MD_CTX_new(),
                                                                    &EVP_MD_CTX_free);
    if (!context || EVP_DigestInit_ex(context.get(), EVP_sha256(), nullptr) != 1)
        return makeError(ErrorCode::Io, {}, "SHA-256 is not available");
    FileChecksum checksum;
    std::vector<unsigned char> buffer(1 << 20);
    for (const std::string &path : paths) {
        GENGBAO_TRY(refuseOpenProjectFile(path));
        std::unique_ptr<std::FILE, decltype(&std::fclose)> file(std::fopen(path.c_str(), "rb"),
                                                                &std::fclose);
        if (!file)
            return makeError(ErrorCode::Io, path, "cannot be read to compute its checksum");
        for (;;) {
            const std::size_t read = std::fread(buffer.data(), 1, buffer.size(), file.get());
            if (read > 0) {
                EVP_DigestUpdate(context.get(), buffer.data(), read);
                checksum.sizeBytes += static_cast<std::int64_t>(read);
            }
            if (read < buffer.size()) {
                if (std::ferror(file.get()))
                    return makeError(ErrorCode::Io, path, "could not be read to the end");
                break;
            }
        }
    }
    unsigned char digest[EVP_MAX_MD_SIZE];
    unsigned int length = 0;
    EVP_DigestFinal_ex(context.get(), digest, &length);
    static const char *hex = "0123456789abcdef";
    for (unsigned int i = 0; i < length; ++i) {
        checksum.sha256 += hex[digest[i] >> 4];
        checksum.sha256 += hex[digest[i] & 15];
    }
    return checksum;
}

}  // namespace gengbao::core
