import TIQCLI

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

exit(TIQMain.run(Array(CommandLine.arguments.dropFirst())))
