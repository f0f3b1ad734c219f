// Styles do not matter to jsdom; Taro's build handles them.
module.exports = {}
