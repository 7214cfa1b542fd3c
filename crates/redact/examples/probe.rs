fn main() {
    let j = jieba_rs::Jieba::new();
    let mut s = String::new();
    std::io::Read::read_to_string(&mut std::io::stdin(), &mut s).unwrap();
    for line in s.lines() {
        let t = j.tag(line, true);
        let v: Vec<String> = t.iter().map(|t| format!("{}/{}", t.word, t.tag)).collect();
        println!("{}", v.join(" "));
    }
}
