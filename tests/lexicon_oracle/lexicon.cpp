// The lexicon as it was before its lists became data (commit 7a6bd95, core/src/lexicon/lexicon.cpp),
// kept unchanged but for its namespace as the oracle of tests/test_lexicon.cpp: every lookup of
// the generated tables must answer as this one did.
#include "lexicon_oracle/oracle.h"

// The tagger's hand-written lists. One entry a line inside each raw string, lower case, words
// separated by single spaces exactly as the tokenizer splits them ("u.s.", "st. louis").

#include <algorithm>
#include <string>
#include <utility>
#include <vector>

namespace lede {
namespace oracle {
namespace {

const char* const kTitles = R"(
president
vice-president
vice president
prime minister
premier
minister
chancellor
secretary
secretary-general
secretary general
foreign minister
defence minister
defense minister
finance minister
interior minister
ambassador
envoy
spokesman
spokeswoman
spokesperson
governor
mayor
senator
sen.
rep.
representative
congressman
congresswoman
lawmaker
judge
justice
chief justice
king
queen
prince
princess
duke
lord
lady
sir
dame
pope
cardinal
archbishop
bishop
rev.
reverend
father
sheikh
emir
sultan
ayatollah
general
gen.
lt.
col.
colonel
major
maj.
captain
capt.
commander
admiral
adm.
sergeant
sgt.
marshal
field marshal
chief
director
chairman
chairwoman
chair
ceo
chief executive
executive
founder
head
leader
coach
manager
striker
goalkeeper
midfielder
defender
captain
dr.
doctor
professor
prof.
mr.
mrs.
ms.
miss
mr
mrs
ms
dr
st.
saint
inspector
detective
officer
prosecutor
attorney
attorney general
lawyer
analyst
economist
commissioner
deputy
aide
adviser
advisor
official
diplomat
counsel
dictator
tsar
czar
consul
speaker
pilot
actor
actress
singer
)";

const char* const kDemonyms = R"(
afghan
albanian
algerian
american
andorran
angolan
argentine
argentinian
armenian
australian
austrian
azerbaijani
azeri
bahraini
bangladeshi
belarusian
belgian
bolivian
bosnian
brazilian
british
briton
bulgarian
burmese
burundian
cambodian
cameroonian
canadian
chadian
chilean
chinese
colombian
congolese
croatian
croat
cuban
cypriot
czech
danish
dane
dutch
ecuadorean
ecuadorian
egyptian
emirati
english
eritrean
estonian
ethiopian
european
fijian
filipino
finnish
finn
french
frenchman
gabonese
georgian
german
ghanaian
greek
guatemalan
guinean
haitian
honduran
hungarian
icelandic
indian
indonesian
iranian
iraqi
irish
israeli
italian
ivorian
jamaican
japanese
jordanian
kazakh
kenyan
korean
kosovar
kuwaiti
kyrgyz
lao
laotian
latvian
lebanese
liberian
libyan
lithuanian
luxembourgish
macedonian
malagasy
malawian
malaysian
malian
maltese
mauritanian
mexican
moldovan
mongolian
montenegrin
moroccan
mozambican
namibian
nepalese
nepali
nicaraguan
nigerian
nigerien
norwegian
omani
pakistani
palestinian
panamanian
paraguayan
persian
peruvian
polish
pole
portuguese
qatari
romanian
russian
rwandan
salvadoran
saudi
scottish
scot
senegalese
serb
serbian
sierra leonean
singaporean
slovak
slovenian
slovene
somali
south african
south korean
north korean
spanish
spaniard
sri lankan
sudanese
swede
swedish
swiss
syrian
taiwanese
tajik
tanzanian
thai
tibetan
togolese
tunisian
turk
turkish
turkmen
ugandan
ukrainian
uruguayan
uzbek
venezuelan
vietnamese
welsh
yemeni
yugoslav
zambian
zimbabwean
soviet
arab
arabic
asian
african
latin american
western
eastern
northern
southern
catholic
protestant
christian
muslim
moslem
islamic
jewish
jew
hindu
buddhist
sunni
shi'ite
shiite
kurdish
kurd
basque
catalan
flemish
walloon
hutu
tutsi
chechen
tamil
sikh
sinhalese
pashtun
uighur
uyghur
bavarian
texan
californian
londoner
parisian
muscovite
communist
socialist
republican
democrat
democratic
conservative
liberal
labour
nazi
marxist
zionist
olympic
olympics
english-language
)";

const char* const kOrgWords = R"(
inc.
inc
corp.
corp
co.
co
ltd.
ltd
llc
plc
ag
sa
s.a.
nv
n.v.
bv
gmbh
spa
s.p.a.
ab
asa
oy
pty
limited
company
companies
corporation
incorporated
group
holdings
holding
partners
associates
enterprises
industries
international
bank
bancorp
fund
trust
securities
capital
investments
insurance
airlines
airways
motors
motor
systems
technologies
technology
communications
telecom
electric
energy
oil
petroleum
pharmaceuticals
foods
stores
brothers
bros.
party
union
league
association
federation
confederation
council
committee
commission
board
ministry
department
agency
authority
office
bureau
institute
institution
university
college
school
academy
foundation
society
organisation
organization
army
navy
force
forces
front
movement
alliance
coalition
congress
assembly
parliament
court
tribunal
police
club
fc
f.c.
united
city
rovers
wanderers
athletic
county
albion
hotspur
exchange
market
network
church
hospital
centre
center
)";

const char* const kCountries = R"(
afghanistan
albania
algeria
andorra
angola
argentina
armenia
australia
austria
azerbaijan
bahamas
bahrain
bangladesh
barbados
belarus
belgium
belize
benin
bhutan
bolivia
bosnia
bosnia and herzegovina
herzegovina
botswana
brazil
brunei
bulgaria
burkina faso
burma
burundi
cambodia
cameroon
canada
cape verde
chad
chile
china
colombia
comoros
congo
costa rica
croatia
cuba
cyprus
czech republic
czechia
denmark
djibouti
dominica
dominican republic
east timor
ecuador
egypt
el salvador
england
equatorial guinea
eritrea
estonia
ethiopia
fiji
finland
france
gabon
gambia
georgia
germany
ghana
britain
great britain
greece
grenada
guatemala
guinea
guinea-bissau
guyana
haiti
holland
honduras
hong kong
hungary
iceland
india
indonesia
iran
iraq
ireland
israel
italy
ivory coast
jamaica
japan
jordan
kazakhstan
kenya
kiribati
korea
north korea
south korea
kosovo
kuwait
kyrgyzstan
laos
latvia
lebanon
lesotho
liberia
libya
liechtenstein
lithuania
luxembourg
macedonia
north macedonia
madagascar
malawi
malaysia
maldives
mali
malta
mauritania
mauritius
mexico
moldova
monaco
mongolia
montenegro
morocco
mozambique
myanmar
namibia
nepal
netherlands
new zealand
nicaragua
niger
nigeria
norway
oman
pakistan
palestine
panama
papua new guinea
paraguay
peru
philippines
poland
portugal
qatar
romania
russia
rwanda
samoa
san marino
saudi arabia
scotland
senegal
serbia
seychelles
sierra leone
singapore
slovakia
slovenia
somalia
south africa
south sudan
spain
sri lanka
sudan
suriname
swaziland
sweden
switzerland
syria
taiwan
tajikistan
tanzania
thailand
togo
tonga
trinidad
tobago
tunisia
turkey
turkmenistan
uganda
ukraine
united arab emirates
uae
united kingdom
uk
u.k.
united states
united states of america
usa
u.s.a.

u.s.
america
uruguay
uzbekistan
vanuatu
vatican
venezuela
vietnam
wales
yemen
yugoslavia
zaire
zambia
zimbabwe
soviet union
ussr
czechoslovakia
)";

const char* const kCities = R"(
kyiv
kiev
kharkiv
kharkov
odesa
odessa
lviv
dnipro
donetsk
luhansk
mariupol
zaporizhzhia
kherson
sumy
sevastopol
moscow
st. petersburg
saint petersburg
volgograd
novosibirsk
grozny
minsk
warsaw
krakow
prague
vienna
budapest
bucharest
sofia
belgrade
zagreb
sarajevo
ljubljana
bratislava
athens
rome
milan
turin
naples
florence
venice
genoa
madrid
barcelona
seville
valencia
bilbao
lisbon
porto
paris
marseille
lyon
toulouse
nice
strasbourg
brussels
antwerp
amsterdam
rotterdam
the hague
hague
luxembourg
berlin
bonn
frankfurt
munich
hamburg
cologne
stuttgart
dusseldorf
leipzig
dresden
hanover
zurich
geneva
basel
bern
berne
london
manchester
liverpool
birmingham
leeds
glasgow
edinburgh
cardiff
belfast
dublin
oxford
cambridge
copenhagen
stockholm
oslo
helsinki
reykjavik
tallinn
riga
vilnius
chisinau
tbilisi
yerevan
baku
ankara
istanbul
nicosia
jerusalem
tel aviv
gaza
ramallah
beirut
damascus
aleppo
amman
baghdad
basra
tehran
riyadh
jeddah
mecca
doha
dubai
abu dhabi
kuwait city
muscat
sanaa
cairo
alexandria
tripoli
tunis
algiers
rabat
casablanca
khartoum
addis ababa
nairobi
mogadishu
kampala
kigali
kinshasa
lagos
abuja
accra
dakar
abidjan
johannesburg
pretoria
cape town
durban
harare
lusaka
luanda
maputo
kabul
islamabad
karachi
lahore
new delhi
delhi
mumbai
bombay
calcutta
kolkata
madras
chennai
bangalore
colombo
dhaka
kathmandu
beijing
peking
shanghai
hong kong
guangzhou
shenzhen
taipei
tokyo
osaka
kyoto
seoul
pyongyang
manila
jakarta
bangkok
hanoi
ho chi minh city
saigon
phnom penh
kuala lumpur
singapore
rangoon
yangon
sydney
melbourne
brisbane
perth
adelaide
canberra
auckland
wellington
washington
new york
new york city
los angeles
chicago
houston
philadelphia
phoenix
san antonio
san diego
dallas
san francisco
boston
seattle
detroit
atlanta
miami
denver
las vegas
new orleans
baltimore
pittsburgh
cleveland
st. louis
minneapolis
cincinnati
kansas city
indianapolis
milwaukee
nashville
portland
toronto
montreal
vancouver
ottawa
calgary
mexico city
havana
bogota
caracas
lima
quito
santiago
buenos aires
montevideo
asuncion
la paz
sao paulo
rio de janeiro
rio
brasilia
)";

const char* const kRegions = R"(
europe
asia
africa
america
north america
south america
latin america
central america
antarctica
australia
oceania
middle east
far east
near east
balkans
caucasus
scandinavia
siberia
crimea
donbas
donbass
chechnya
kashmir
tibet
gaza strip
west bank
golan heights
sinai
kurdistan
black sea
baltic
baltic sea
mediterranean
north sea
red sea
caspian sea
persian gulf
gulf
atlantic
pacific
indian ocean
arctic
alps
himalayas
sahara
danube
rhine
thames
nile
amazon
mississippi
bavaria
saxony
catalonia
andalusia
flanders
wallonia
sicily
sardinia
corsica
lombardy
tuscany
ulster
northern ireland
quebec
ontario
british columbia
alberta
alabama
alaska
arizona
arkansas
california
colorado
connecticut
delaware
florida
georgia
hawaii
idaho
illinois
indiana
iowa
kansas
kentucky
louisiana
maine
maryland
massachusetts
michigan
minnesota
mississippi
missouri
montana
nebraska
nevada
new hampshire
new jersey
new mexico
new york
north carolina
north dakota
ohio
oklahoma
oregon
pennsylvania
rhode island
south carolina
south dakota
tennessee
texas
utah
vermont
virginia
west virginia
washington
wisconsin
wyoming
silicon valley
wall street
downing street
)";

const char* const kGivenNames = R"(
aaron
abdul
abdullah
adam
adrian
ahmed
alan
albert
alex
alexander
alexei
ali
alice
amy
andre
andrea
andreas
andrew
andrei
andrzej
angela
ann
anna
anne
anthony
antonio
arnold
barbara
ben
benjamin
bernard
bill
bob
boris
brian
bruce
carl
carlos
catherine
charles
chris
christian
christopher
claude
colin
daniel
dave
david
dennis
diana
dmitry
dmitri
donald
douglas
ed
edward
elizabeth
emmanuel
eric
erik
ernesto
eva
frank
françois
francois
fred
friedrich
gary
george
gerhard
giuseppe
gordon
greg
hans
harold
harry
heinz
helen
helmut
henri
henry
hillary
hugo
ian
igor
ivan
jack
jacques
james
jan
jane
jean
jeff
jennifer
jerry
jim
joe
johan
johann
john
jonathan
jorge
jose
josé
joseph
juan
julia
karl
kate
kevin
kim
klaus
kurt
larry
laura
leonid
louis
luis
manuel
marco
margaret
maria
marie
mark
martin
mary
matthew
michael
michel
mikhail
mohammad
mohammed
muhammad
nancy
nicholas
nick
nikolai
olaf
oleg
olga
patrick
paul
pavel
pedro
peter
philip
pierre
rafael
ralph
richard
robert
roger
ronald
sam
samuel
sarah
sebastian
sergei
sergey
simon
stefan
stephen
steve
steven
susan
thomas
tim
timothy
tom
tony
valery
victor
viktor
vladimir
volodymyr
walter
william
wolfgang
xavier
yuri
yulia
)";

const char* const kCalendar = R"(
monday
tuesday
wednesday
thursday
friday
saturday
sunday
january
february
march
april
may
june
july
august
september
october
november
december
jan.
feb.
mar.
apr.
jun.
jul.
aug.
sep.
sept.
oct.
nov.
dec.
christmas
easter
ramadan
)";

const char* const kMedia = R"(
reuters
ap
afp
associated press
interfax
itar-tass
tass
xinhua
bbc
cnn
fox news
fox
nbc
cbs
abc
msnbc
bloomberg
dow jones
new york times
washington post
wall street journal
financial times
the guardian
guardian
the times
times
post
news
journal
herald
tribune
gazette
telegraph
daily
agency
press
television
radio
tv
)";

const char* const kGovernment = R"(
kremlin
pentagon
white house
downing street
elysee
state department
parliament
senate
congress
duma
bundestag
knesset
cabinet
government
nato
un
u.n.
united nations
eu
e.u.
european union
european commission
imf
world bank
opec

wto
fbi
cia
)";

// Marks, in the table, the phrases that are the beginning of longer ones.
constexpr uint16_t kContinues = 1u << 15;
static_assert(kLexiconCategoryCount < 15, "a category would collide with kContinues");

constexpr std::pair<const char*, uint16_t> kLists[] = {
    {kTitles, kLexTitle},     {kDemonyms, kLexDemonym},     {kOrgWords, kLexOrgWord},
    {kCountries, kLexCountry}, {kCities, kLexCity},         {kRegions, kLexRegion},
    {kGivenNames, kLexGivenName}, {kCalendar, kLexCalendar}, {kMedia, kLexMedia},
    {kGovernment, kLexGovernment}};

// Calls f(line) for every non-empty line of a list.
template <typename F>
void for_each_phrase(const char* list, F f) {
  std::string_view rest(list);
  while (!rest.empty()) {
    size_t eol = rest.find('\n');
    std::string_view line = rest.substr(0, eol);
    rest = eol == std::string_view::npos ? std::string_view() : rest.substr(eol + 1);
    if (!line.empty()) f(line);
  }
}

struct PhraseTable {
  // An open-addressing table (hash 0 marks an empty slot) with one entry per phrase, carrying
  // every category it belongs to. Filled straight from the lists, merging on a repeated hash,
  // without sorting them first: the table is built at the first lookup, in the time a page waits
  // for its first result, and a sort made hot there would also be one more function for V8 to
  // optimise meanwhile.
  std::vector<std::pair<uint64_t, uint16_t>> slots;
  uint64_t mask = 0;

  PhraseTable() {
    size_t bound = 0;  // on the entries: a phrase of w words makes at most w
    for (const auto& [list, category] : kLists) {
      for (const char* c = list; *c; ++c) bound += *c == '\n' || *c == ' ';
      ++bound;
    }
    size_t size = 16;
    while (size < bound * 3) size <<= 1;
    slots.assign(size, {0, 0});
    mask = size - 1;
    for (const auto& [list, category] : kLists) add(list, category);
  }

  void put(uint64_t h, uint16_t bits) {
    uint64_t slot = (h >> 17) & mask;
    while (slots[slot].first != 0 && slots[slot].first != h) slot = (slot + 1) & mask;
    slots[slot].first = h;
    slots[slot].second |= bits;
  }

  void add(const char* list, uint16_t category) {
    for_each_phrase(list, [&](std::string_view line) {
      uint64_t h = kLexiconHashSeed;
      while (!line.empty()) {
        size_t sp = line.find(' ');
        h = lexicon_phrase_extend(h, lexicon_word_hash(line.substr(0, sp)));
        line = sp == std::string_view::npos ? std::string_view() : line.substr(sp + 1);
        if (!line.empty()) put(h, kContinues);  // a longer phrase begins so
      }
      put(h, category);
    });
  }
};

const PhraseTable& phrase_table() {
  static const PhraseTable table;
  return table;
}

}  // namespace

uint16_t lexicon_lookup(uint64_t phrase_hash, bool* continues) {
  static const PhraseTable& table = phrase_table();
  *continues = false;
  if (phrase_hash == 0) return 0;
  for (uint64_t slot = (phrase_hash >> 17) & table.mask;; slot = (slot + 1) & table.mask) {
    const auto& e = table.slots[slot];
    if (e.first == phrase_hash) {
      *continues = (e.second & kContinues) != 0;
      return e.second & static_cast<uint16_t>(~kContinues);
    }
    if (e.first == 0) return 0;
  }
}

uint16_t lexicon_lookup(uint64_t phrase_hash) {
  bool continues;
  return lexicon_lookup(phrase_hash, &continues);
}

uint64_t lexicon_digest() {
  static const uint64_t digest = [] {
    std::vector<std::string> lines;
    for (const auto& [list, category] : kLists) {
      int bit = 0;
      while ((1u << bit) != category) ++bit;
      for_each_phrase(list, [&, bit = bit](std::string_view phrase) {
        lines.push_back(std::to_string(bit) + '\t' + std::string(phrase) + '\n');
      });
    }
    std::sort(lines.begin(), lines.end());
    lines.erase(std::unique(lines.begin(), lines.end()), lines.end());
    uint64_t h = 0xCBF29CE484222325ull;
    for (const std::string& line : lines)
      for (unsigned char c : line) {
        h ^= c;
        h *= 0x100000001B3ull;
      }
    return h;
  }();
  return digest;
}

}  // namespace oracle
}  // namespace lede
