#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Opens a path beneath a directory descriptor without ever leaving it, whatever symbolic links
/// the path holds or gains while it is being opened.
///
/// First `openat2(2)` with `RESOLVE_BENEATH | RESOLVE_NO_MAGICLINKS` (Linux 5.6 and later):
/// links are followed as long as they stay beneath the directory, and the kernel refuses
/// (`EXDEV`) any step that would leave it, atomically. It also refuses every absolute link, even
/// one that points back inside; and it may be missing (older kernels, other systems, a seccomp
/// filter). In those cases the path is resolved in user space instead (`walk`): one component
/// at a time with `openat(…, O_NOFOLLOW)` from descriptors already open, links read with
/// `readlinkat` and followed only when they stay beneath the directory (an absolute link must
/// point below `rootPath`). The kernel never follows a link, so one swapped during the walk
/// cannot lead out: it is read and checked like any other, or makes the open fail (`ELOOP`).
enum BeneathOpen {
    /// The descriptor, or the `errno` that explains the refusal (`EXDEV`: the path leaves the
    /// directory; `ELOOP`: too many links, or a link that changed under the walk).
    ///
    /// - Parameter rootPath: the directory's real path, to follow absolute links into it.
    static func open(_ relative: String, beneath directory: Int32, rootPath: String?, flags: Int32) -> Result<Int32, Errno> {
        if let openat2 = Openat2.function {
            var how = Openat2.How(flags: UInt64(UInt32(bitPattern: flags | O_CLOEXEC)), mode: 0,
                                  resolve: Openat2.resolveBeneath | Openat2.resolveNoMagicLinks)
            let fd = relative.withCString { path in
                withUnsafePointer(to: &how) { Openat2.call(openat2, directory, path, $0) }
            }
            if fd >= 0 { return .success(Int32(fd)) }
            let code = errno
            // Refused for a reason the walk may not share (an absolute link back inside), or
            // unsupported here: walk. Anything else (missing, not a directory) is final.
            if code != EXDEV && code != ELOOP && code != ENOSYS && code != EPERM && code != E2BIG && code != EINVAL {
                return .failure(Errno(code))
            }
        }
        return walk(relative, beneath: directory, rootPath: rootPath, flags: flags)
    }

    /// The most links one open may follow, as the kernel's own limit.
    static let maximumLinks = 40

    /// Resolves `relative` beneath `directory` in user space (see the type's documentation).
    static func walk(_ relative: String, beneath directory: Int32, rootPath: String?, flags: Int32) -> Result<Int32, Errno> {
        if relative.hasPrefix("/") { return .failure(Errno(EXDEV)) }
        guard let root = Descriptor(dup(directory)) else { return .failure(Errno(errno)) }
        // The directories entered so far, root first; each opened from the one before it.
        var path: [Descriptor] = [root]
        var pending = Array(relative.split(separator: "/").reversed().map(String.init))
        var links = 0
        while let part = pending.popLast() {
            if part == "." || part.isEmpty { continue }
            if part == ".." {
                guard path.count > 1 else { return .failure(Errno(EXDEV)) }
                path.removeLast()
                continue
            }
            let parent = path[path.count - 1].fd
            if let target = readLink(parent, part) {
                links += 1
                guard links <= maximumLinks else { return .failure(Errno(ELOOP)) }
                var rest = target
                if target.hasPrefix("/") {
                    // An absolute link may only point at or below the root's real path.
                    guard let rootPath, let inside = below(target, rootPath) else { return .failure(Errno(EXDEV)) }
                    rest = inside
                    path.removeSubrange(1...)
                }
                pending.append(contentsOf: rest.split(separator: "/").reversed().map(String.init))
                continue
            }
            let last = !pending.contains { $0 != "." && !$0.isEmpty }
            let fd = openat(parent, part, (last ? flags : O_RDONLY | O_DIRECTORY) | O_NOFOLLOW | O_CLOEXEC)
            guard let opened = Descriptor(fd) else { return .failure(Errno(errno)) }
            if last { return .success(opened.release()) }
            path.append(opened)
        }
        // The path named the directory itself (or a directory after `..`): reopen it as asked.
        let fd = openat(path[path.count - 1].fd, ".", flags | O_CLOEXEC)
        return fd >= 0 ? .success(fd) : .failure(Errno(errno))
    }

    /// The target of the link `name` in `directory`, or nil if it is not a link.
    private static func readLink(_ directory: Int32, _ name: String) -> String? {
        var buffer = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
        let n = readlinkat(directory, name, &buffer, buffer.count - 1)
        guard n >= 0 else { return nil }
        return String(decoding: buffer[..<n].map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    /// `path` relative to `root` if it is `root` or below it ("." for `root` itself).
    private static func below(_ path: String, _ root: String) -> String? {
        let trimmed = root.hasSuffix("/") ? String(root.dropLast()) : root
        if path == trimmed || path == trimmed + "/" { return "." }
        return path.hasPrefix(trimmed + "/") ? String(path.dropFirst(trimmed.count + 1)) : nil
    }

    /// An `errno` value, as a failure.
    struct Errno: Error, Equatable {
        /// The `errno` code.
        let code: Int32
        init(_ code: Int32) { self.code = code }
    }

    /// A descriptor closed when dropped, unless released.
    private final class Descriptor {
        private(set) var fd: Int32
        init?(_ fd: Int32) {
            guard fd >= 0 else { return nil }
            self.fd = fd
        }
        func release() -> Int32 {
            defer { fd = -1 }
            return fd
        }
        deinit { if fd >= 0 { close(fd) } }
    }
}

/// The `openat2(2)` system call, which the C library does not wrap: reached through `syscall`,
/// looked up once (a C variadic function cannot be called from Swift directly; `syscall` takes
/// its arguments in registers, so a fixed four-argument signature calls it correctly).
private enum Openat2 {
    /// `struct open_how` of <linux/openat2.h>.
    struct How {
        var flags: UInt64
        var mode: UInt64
        var resolve: UInt64
    }

    static let resolveNoMagicLinks: UInt64 = 0x02
    static let resolveBeneath: UInt64 = 0x08

    typealias Syscall = @convention(c) (Int, Int, UnsafePointer<CChar>, UnsafeRawPointer, Int) -> Int

    #if os(Linux) && (arch(x86_64) || arch(arm64))
    /// `syscall`, if the C library exports it.
    static let function: Syscall? = {
        guard let symbol = dlsym(nil, "syscall") else { return nil }
        return unsafeBitCast(symbol, to: Syscall.self)
    }()
    /// `openat2`'s number, the same on every Linux architecture (new calls share one table).
    static let number = 437
    #else
    static let function: Syscall? = nil
    static let number = -1
    #endif

    /// `openat2(directory, path, how, sizeof how)`.
    static func call(_ function: Syscall, _ directory: Int32, _ path: UnsafePointer<CChar>, _ how: UnsafePointer<How>) -> Int {
        function(number, Int(directory), path, UnsafeRawPointer(how), MemoryLayout<How>.size)
    }
}
