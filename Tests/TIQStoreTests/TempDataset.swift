import Foundation

/// Writes small datasets to fresh temporary directories for loader tests.
enum TempDataset {
    static let territories = "level,code,name,population\ncommune,01,Alpha,10\ncommune,02,Beta,20\nepci,E1,Grp,\n"
    static let links = "child,parent,weight\ncommune:01,epci:E1,\ncommune:02,epci:E1,1\n"
    static let indicators = "code,name,unit,aggregate,frequency,source\nemp,Emploi,jobs,sum,A,test\n"
    static let observations = "territory,indicator,period,value,status\ncommune:01,emp,2018,5,\nepci:E1,emp,2018,15,ok\n"

    /// Creates a dataset directory; a nil file is left out, a missing argument takes the valid default.
    static func make(territories: String? = territories, links: String? = links,
                     indicators: String? = indicators, observations: String? = observations) throws -> String {
        let dir = FileManager.default.temporaryDirectory
            .appendingPathComponent("tiq-store-\(UUID().uuidString)", isDirectory: true)
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let files = ["territories.csv": territories, "links.csv": links, "indicators.csv": indicators,
                     "observations.csv": observations]
        for (name, content) in files {
            guard let content else { continue }
            try Data(content.utf8).write(to: dir.appendingPathComponent(name))
        }
        return dir.path
    }
}
