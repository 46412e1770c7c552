"""What a fresh database is seeded with: Seoul-relevant Open311 services (with attribute definitions a
kiosk can build its forms from), bookable public facilities and the festival schedule.

Texts are given in English and Korean (`{"en": ..., "ko": ...}`); events carry all four app languages.
Facilities and events are demonstration data shaped like Seoul's open data: a city replaces them.
"""

from __future__ import annotations



def _t(en: str, ko: str) -> dict:
    return {"en": en, "ko": ko}


def _value(key: str, en: str, ko: str) -> dict:
    return {"key": key, "name": _t(en, ko)}


def _attributes(*specs: dict) -> list[dict]:
    """Number the attributes in the order given (Open311 `order` starts at 1)."""
    return [dict(spec, order=position) for position, spec in enumerate(specs, start=1)]


def _attr(code, datatype, required, description, values=(), hint=None, variable=True) -> dict:
    return {"code": code, "variable": variable, "datatype": datatype, "required": required,
            "description": description, "datatype_description": hint, "values": list(values)}


EMERGENCY_NOTICE = _attr(
    "emergency_notice", "string", False,
    _t("Danger to life or a fire? Call 112 (police) or 119 (fire and ambulance) instead.",
       "생명이 위험하거나 화재가 났다면 112(경찰) 또는 119(소방·구급)에 바로 신고하세요."),
    variable=False)

SERVICES = [
    {
        "code": "road-damage", "group": "Roads",
        "names": _t("Road damage", "도로 파손"),
        "descriptions": _t("Potholes, broken pavement or sidewalk blocks, sunken road surfaces.",
                           "포트홀, 포장 파손, 보도블록 파손, 도로 침하"),
        "keywords": "pothole,road,sidewalk,포트홀,도로,보도블록",
        "agency_responsible": "Seoul Metropolitan Government, Road Management Division",
        "service_notice": "Dangerous road damage is usually made safe within 24 hours.",
        "sla_days": 3,
        "attributes": _attributes(
            EMERGENCY_NOTICE,
            _attr("damage_type", "singlevaluelist", True, _t("What is damaged?", "어떤 파손인가요?"), [
                _value("pothole", "Pothole", "포트홀"),
                _value("cracked_pavement", "Cracked pavement", "포장 균열"),
                _value("sidewalk_block", "Broken sidewalk block", "보도블록 파손"),
                _value("sunken_road", "Sunken road surface", "도로 침하"),
            ]),
            _attr("lane", "singlevaluelist", True, _t("Where on the road?", "도로의 어느 부분인가요?"), [
                _value("roadway", "Roadway", "차도"),
                _value("sidewalk", "Sidewalk", "보도"),
                _value("bike_lane", "Bike lane", "자전거도로"),
            ]),
            _attr("size_cm", "number", False, _t("Approximate width in centimetres", "대략적인 크기(cm)"),
                  hint=_t("A whole number of centimetres, e.g. 30", "숫자로 입력 (예: 30)")),
        ),
    },
    {
        "code": "illegal-parking", "group": "Traffic",
        "names": _t("Illegal parking", "불법 주정차"),
        "descriptions": _t("Vehicles parked where they block people, hydrants, crossings or bus stops.",
                           "보행자, 소화전, 횡단보도, 버스정류장을 막는 불법 주정차"),
        "keywords": "parking,car,불법주차,주정차",
        "agency_responsible": "Seoul Metropolitan Government, Parking Management Division",
        "service_notice": "An enforcement officer is sent when one is available nearby.",
        "sla_days": 1,
        "attributes": _attributes(
            _attr("vehicle_type", "singlevaluelist", True, _t("Vehicle type", "차종"), [
                _value("car", "Car", "승용차"), _value("van_truck", "Van or truck", "승합·화물차"),
                _value("motorcycle", "Motorcycle", "이륜차"), _value("bus", "Bus", "버스"),
            ]),
            _attr("blocking", "multivaluelist", True, _t("What does it block?", "무엇을 막고 있나요?"), [
                _value("crosswalk", "Crosswalk", "횡단보도"), _value("hydrant", "Fire hydrant", "소화전"),
                _value("bus_stop", "Bus stop", "버스정류장"), _value("sidewalk", "Sidewalk", "보도"),
                _value("accessible_space", "Accessible parking space", "장애인 전용주차구역"),
                _value("school_zone", "School zone", "어린이 보호구역"),
            ]),
            _attr("observed_at", "datetime", True, _t("When did you see it?", "언제 보셨나요?"),
                  hint=_t("Date and time, e.g. 2026-11-27T14:30+09:00", "날짜와 시간 (예: 2026-11-27T14:30+09:00)")),
            _attr("vehicle_plate", "string", False, _t("Number plate, if visible", "차량 번호 (보이는 경우)")),
        ),
    },
    {
        "code": "broken-streetlight", "group": "Streetlights",
        "names": _t("Broken streetlight", "가로등 고장"),
        "descriptions": _t("Streetlights that are off, flickering, lit by day or damaged.",
                           "꺼짐, 깜빡임, 주간 점등, 파손된 가로등"),
        "keywords": "streetlight,lamp,가로등,보안등",
        "agency_responsible": "Seoul Metropolitan Government, Road Lighting Team",
        "service_notice": "Most streetlight faults are repaired within three working days.",
        "sla_days": 3,
        "attributes": _attributes(
            _attr("pole_number", "string", True, _t("Number on the pole", "전신주(등주) 번호"),
                  hint=_t("The plate on the pole, e.g. 종로-1234", "기둥에 붙은 번호판 (예: 종로-1234)")),
            _attr("problem", "singlevaluelist", True, _t("What is wrong?", "어떤 문제인가요?"), [
                _value("off", "Not lit at night", "야간 소등"), _value("flickering", "Flickering", "깜빡임"),
                _value("on_by_day", "Lit during the day", "주간 점등"),
                _value("damaged_pole", "Damaged or leaning pole", "등주 파손·기울어짐"),
            ]),
        ),
    },
    {
        "code": "noise", "group": "Environment",
        "names": _t("Noise", "소음"),
        "descriptions": _t("Construction, business, vehicle or event noise.", "공사장, 영업장, 차량, 행사 소음"),
        "keywords": "noise,소음,공사",
        "agency_responsible": "Seoul Metropolitan Government, Climate and Environment Headquarters",
        "service_notice": "Noise from a neighbouring flat is referred to the Floor Noise Neighbour Centre.",
        "sla_days": 5,
        "attributes": _attributes(
            _attr("source", "singlevaluelist", True, _t("Source of the noise", "소음의 원인"), [
                _value("construction", "Construction site", "공사장"),
                _value("business", "Shop, bar or venue", "영업장"),
                _value("vehicle", "Vehicles", "차량"), _value("event", "Event or rally", "행사·집회"),
                _value("neighbour", "Neighbouring flat", "층간소음"),
            ]),
            _attr("heard_at", "datetime", True, _t("When was it loudest?", "언제 가장 심했나요?")),
            _attr("recurring", "singlevaluelist", False, _t("Does it happen repeatedly?", "반복되나요?"), [
                _value("once", "Once", "한 번"), _value("daily", "Daily", "매일"),
                _value("nightly", "Every night", "매일 밤"),
            ]),
        ),
    },
    {
        "code": "illegal-dumping", "group": "Cleaning",
        "names": _t("Illegal dumping", "쓰레기 무단투기"),
        "descriptions": _t("Rubbish, large items or building waste left illegally.",
                           "무단으로 버려진 생활쓰레기, 대형폐기물, 건설폐기물"),
        "keywords": "rubbish,trash,dumping,쓰레기,무단투기",
        "agency_responsible": "District office, Cleaning Administration Division",
        "service_notice": "Collected on the next cleaning round of the district.",
        "sla_days": 3,
        "attributes": _attributes(
            _attr("waste_type", "multivaluelist", True, _t("What kind of waste?", "어떤 쓰레기인가요?"), [
                _value("household", "Household rubbish", "생활쓰레기"),
                _value("large_items", "Furniture or large items", "대형폐기물"),
                _value("construction", "Building waste", "건설폐기물"),
                _value("food", "Food waste", "음식물쓰레기"),
                _value("hazardous", "Batteries, paint or chemicals", "유해폐기물"),
            ]),
            _attr("amount", "singlevaluelist", False, _t("How much?", "양은 얼마나 되나요?"), [
                _value("bag", "A bag or two", "봉투 1-2개"), _value("pile", "A pile", "더미"),
                _value("truckload", "A truckload", "트럭 한 대 분량"),
            ]),
        ),
    },
    {
        "code": "accessibility-barrier", "group": "Accessibility",
        "names": _t("Accessibility barrier", "이동 편의 장애물"),
        "descriptions": _t("Anything that stops wheelchair users, blind people, parents with strollers "
                           "or older people from getting through.",
                           "휠체어 사용자, 시각장애인, 유모차, 어르신의 통행을 막는 장애물"),
        "keywords": "accessibility,wheelchair,ramp,elevator,점자블록,휠체어,경사로",
        "agency_responsible": "Seoul Metropolitan Government, Welfare for the Disabled Division",
        "service_notice": "Broken lifts in subway stations are passed to Seoul Metro immediately.",
        "sla_days": 5,
        "attributes": _attributes(
            _attr("barrier_type", "singlevaluelist", True, _t("What is the barrier?", "어떤 장애물인가요?"), [
                _value("no_curb_ramp", "Missing curb ramp", "턱 낮춤 없음"),
                _value("tactile_paving", "Broken tactile paving", "점자블록 파손"),
                _value("lift_out_of_order", "Lift or escalator out of order", "엘리베이터·에스컬레이터 고장"),
                _value("blocked_path", "Path blocked", "통로 막힘"),
                _value("steep_slope", "Too steep", "급경사"),
            ]),
            _attr("affects", "multivaluelist", False, _t("Who is affected?", "누가 불편을 겪나요?"), [
                _value("wheelchair", "Wheelchair users", "휠체어 사용자"),
                _value("blind", "Blind or partially sighted people", "시각장애인"),
                _value("stroller", "Strollers", "유모차"), _value("elderly", "Older people", "어르신"),
            ]),
            _attr("facility_name", "string", False, _t("Building or station name", "건물 또는 역 이름")),
        ),
    },
    {
        "code": "park-facilities", "group": "Parks",
        "names": _t("Park facilities", "공원 시설"),
        "descriptions": _t("Broken playgrounds, toilets, benches, exercise equipment or park lights.",
                           "놀이터, 화장실, 벤치, 운동기구, 공원 조명 고장"),
        "keywords": "park,playground,toilet,공원,놀이터,화장실",
        "agency_responsible": "Seoul Metropolitan Government, Parks and Landscape Division",
        "service_notice": "",
        "sla_days": 7,
        "attributes": _attributes(
            _attr("park_name", "string", True, _t("Name of the park", "공원 이름")),
            _attr("facility", "singlevaluelist", True, _t("Which facility?", "어떤 시설인가요?"), [
                _value("playground", "Playground", "놀이터"), _value("toilet", "Toilet", "화장실"),
                _value("bench", "Bench", "벤치"), _value("fitness", "Exercise equipment", "운동기구"),
                _value("lighting", "Lighting", "조명"), _value("fountain", "Fountain", "분수"),
            ]),
            _attr("problem", "text", False, _t("What is wrong with it?", "어떤 문제가 있나요?")),
        ),
    },
    {
        "code": "other", "group": "Other",
        "names": _t("Other civil complaint", "기타 민원"),
        "descriptions": _t("Anything else for the city; it is routed to the right department.",
                           "그 밖의 민원. 담당 부서로 전달됩니다."),
        "keywords": "other,기타,민원",
        "agency_responsible": "Seoul Dasan Call Center 120",
        "service_notice": "",
        "sla_days": 7,
        "attributes": _attributes(
            _attr("subject", "string", True, _t("Subject", "제목")),
        ),
    },
]

# Facilities: demonstration entries shaped like Seoul's public service reservation data.
# `slots` describes the daily slots generated for the next SLOT_DAYS_AHEAD days (Seoul time).
SLOT_DAYS_AHEAD = 14
FACILITIES = [
    {
        "service_id": "S-SPORT-0001", "category_major": "체육시설", "category_minor": "테니스장",
        "status": "accepting", "names": _t("Jamwon Hangang Park tennis court 1", "잠원한강공원 테니스장 1면"),
        "place": "잠원한강공원 테니스장", "district": "서초구", "target_users": "누구나 (Anyone)",
        "payment": "paid", "fee_krw": 6000, "min_people": 2, "max_people": 4,
        "phone": "02-3780-0531", "lat": 37.5214, "lon": 127.0117, "per_person_quota": 2,
        "cancel_deadline_hours": 24, "booking_lead_minutes": 60,
        "description": "Outdoor hard court; two hours per booking; floodlit until 22:00.",
        "slots": {"first_hour": 6, "last_hour": 20, "length_hours": 2, "capacity": 1},
    },
    {
        "service_id": "S-SPORT-0002", "category_major": "체육시설", "category_minor": "풋살장",
        "status": "accepting", "names": _t("Ttukseom Hangang Park futsal pitch", "뚝섬한강공원 풋살장"),
        "place": "뚝섬한강공원 풋살장", "district": "광진구", "target_users": "누구나 (Anyone)",
        "payment": "paid", "fee_krw": 20000, "min_people": 6, "max_people": 14,
        "phone": "02-3780-0521", "lat": 37.5296, "lon": 127.0697, "per_person_quota": 1,
        "cancel_deadline_hours": 24, "booking_lead_minutes": 60,
        "description": "Artificial turf five-a-side pitch; two hours per booking.",
        "slots": {"first_hour": 8, "last_hour": 20, "length_hours": 2, "capacity": 1},
    },
    {
        "service_id": "S-ROOM-0001", "category_major": "시설대관", "category_minor": "회의실",
        "status": "accepting", "names": _t("Seoul Citizens Hall meeting room", "서울시민청 시민 회의실"),
        "place": "서울시민청 (서울시청 지하 1층)", "district": "중구", "target_users": "서울시민 (Seoul residents)",
        "payment": "free", "fee_krw": 0, "min_people": 2, "max_people": 20,
        "phone": "02-739-5811", "lat": 37.5663, "lon": 126.9779, "per_person_quota": 2,
        "cancel_deadline_hours": 0, "booking_lead_minutes": 30,
        "description": "A meeting room for residents' groups; projector and whiteboard.",
        "slots": {"first_hour": 9, "last_hour": 19, "length_hours": 1, "capacity": 1},
    },
    {
        "service_id": "S-EDU-0001", "category_major": "교육강좌", "category_minor": "역사",
        "status": "accepting", "names": _t("Deoksugung palace guided walk", "덕수궁 해설 탐방"),
        "place": "덕수궁 대한문 앞", "district": "중구", "target_users": "누구나 (Anyone)",
        "payment": "free", "fee_krw": 0, "min_people": 1, "max_people": 4,
        "phone": "02-771-9951", "lat": 37.5658, "lon": 126.9751, "per_person_quota": 1,
        "cancel_deadline_hours": 0, "booking_lead_minutes": 10,
        "description": "A one-hour walk through Deoksugung with a heritage guide; up to 20 groups a walk.",
        "slots": {"first_hour": 10, "last_hour": 16, "length_hours": 1, "capacity": 20},
    },
    {
        "service_id": "S-SPORT-0003", "category_major": "체육시설", "category_minor": "수영장",
        "status": "suspended", "names": _t("Jamsil Hangang Park outdoor pool", "잠실한강공원 야외수영장"),
        "place": "잠실한강공원 수영장", "district": "송파구", "target_users": "누구나 (Anyone)",
        "payment": "paid", "fee_krw": 5000, "min_people": 1, "max_people": 6,
        "phone": "02-3780-0511", "lat": 37.5180, "lon": 127.0864, "per_person_quota": 2,
        "cancel_deadline_hours": 0, "booking_lead_minutes": 0,
        "description": "Summer season only; bookings are suspended out of season.",
        "slots": None,
    },
]
# Receipt and use periods of the demonstration facilities (a city loads its own), laid around the day
# they are seeded: open from that day for DEMO_PERIOD_DAYS. A seed run on a later start extends a
# demonstration period that is about to end (see seed.py), so a long-lived embedded database keeps
# taking bookings.
DEMO_PERIOD_DAYS = 365

# The festival schedule: annual events, each with its usual season as ((month, day), (month, day)); a
# season whose end month comes before its start month ends in the next year. Seeding adds the edition
# running on the seed day, or else the next one, with its year in the id. Dates are illustrative until
# the city announces them; route, hours and history follow published descriptions of the festival.
ANNUAL_EVENTS = [
    {
        "id": "seoul-lantern-festival", "season": ((12, 11), (1, 3)),
        "names": {"ko": "서울빛초롱축제", "en": "Seoul Lantern Festival",
                  "zh": "首尔灯笼节", "ja": "ソウル光の提灯祭り"},
        "places": {"ko": "청계천 (청계광장–삼일교)", "en": "Cheonggyecheon stream (Cheonggye Plaza to Samilgyo)",
                   "zh": "清溪川（清溪广场至三一桥）", "ja": "清渓川（清渓広場〜三一橋）"},
        "descriptions": {
            "ko": "2009년부터 이어진 서울의 겨울 등불 축제. 청계천을 따라 한지 등불 작품이 매일 밤 불을 밝힙니다.",
            "en": "Seoul's lantern festival, held since 2009: hanji lantern works light up the Cheonggyecheon "
                  "every evening.",
            "zh": "自2009年起举办的首尔灯笼节，韩纸灯笼作品每晚点亮清溪川。",
            "ja": "2009年から続くソウルの提灯祭り。韓紙の提灯作品が毎晩清渓川を彩ります。"},
        "daily_open": "17:00", "daily_close": "22:00",
        "scene_id": "lantern-festival", "lat": 37.5691, "lon": 126.9787,
    },
    {
        # Hours cross midnight: the crowd gathers from 23:00 and the 33 strokes ring from 00:00.
        "id": "bosingak-new-year-bell", "season": ((12, 31), (1, 1)),
        "names": {"ko": "보신각 제야의 종 타종", "en": "New Year Bell at Bosingak",
                  "zh": "普信阁除夕敲钟", "ja": "普信閣の除夜の鐘"},
        "places": {"ko": "보신각 (종로)", "en": "Bosingak, Jongno", "zh": "普信阁（钟路）", "ja": "普信閣（鍾路）"},
        "descriptions": {
            "ko": "1953년부터 이어진 새해맞이. 자정에 보신각종을 서른세 번 울립니다. 불꽃놀이는 없습니다.",
            "en": "Seoul's welcome to the New Year since 1953: at midnight the Bosingak bell is struck 33 times. "
                  "No fireworks.",
            "zh": "自1953年延续至今的迎新年活动：午夜敲响普信阁钟三十三下。没有烟花。",
            "ja": "1953年から続く新年の迎え方。真夜中に普信閣の鐘を三十三回鳴らします。花火はありません。"},
        "daily_open": "23:00", "daily_close": "01:00",
        "scene_id": "bosingak-new-year", "lat": 37.5699, "lon": 126.9831,
    },
]
