# ruff: noqa: RUF001  (natural-language text: full-width punctuation and letters of other alphabets)
"""The Chinese-language board (中文社区): threads and replies in Simplified Chinese."""

from devdata.demo.content import R, T

THREADS = [
    T(
        "Aurora 14 森林绿上手三个月，聊聊真实体验",
        "zhang_min",
        "三个月前入手的森林绿 256G，简单说说感受：\n\n- 屏幕：120Hz 很跟手，户外亮度够用\n"
        "- 续航：重度使用一天没问题，晚上回家还剩 25% 左右\n- 相机：白天很稳，夜景偶尔糊\n\n"
        "总体来说很满意，尤其是每个月都有更新，反馈的问题真的会修。\n\n[[product:aurora-14]]",
        [
            R("chen_yu", "同款森林绿！背面磨砂手感很好，不沾指纹。"),
            R("liu_yang", "夜景糊可以试试拍的时候靠在栏杆上，或者打开专业模式把快门调到 1/4 秒。"),
            R("zhang_min", "{prev} 谢谢，今晚试试。", reply_to=3),
            R("xu_lei", "请问 256G 够用吗？我拍视频比较多，在纠结要不要上 512G。"),
            R("zhang_min", "{prev} 我不怎么拍 4K，目前用了 90G。如果经常拍视频建议直接 512G，没有存储卡槽。", reply_to=5),
            R("mira", "感谢 {op} 的分享！夜景的问题会在即将推出的 14.0.5 内测版里优化，到时候欢迎大家去内测帖反馈。"),
        ],
        days_ago=13,
        votes=11,
    ),
    T(
        "内测 14.0.5 更新后微信通知延迟，有人遇到吗？",
        "chen_yu",
        "升级内测 14.0.5 之后，锁屏状态下微信消息要过一两分钟才提醒，亮屏后马上就来了。"
        "已经把微信加入了电池优化白名单，还是一样。有同样情况的朋友吗？",
        [
            R("wang.hao", "我也是！以为是我自己设置的问题。"),
            R("huang_jing", "试试在设置 > 应用 > 微信 > 省电策略里选“无限制”，我改了之后好多了。"),
            R("chen_yu", "{prev} 改了之后确实好了一些，但偶尔还是会延迟。", reply_to=3),
            R("lin_xiao", "14.0.4 正式版没有这个问题，应该是内测版的后台策略改了。"),
            R("mira", "{op} 已经复现了，是新的后台冻结策略误伤了部分推送。下周的内测版会修复，感谢反馈！"),
            R("chen_yu", "好的，谢谢官方回复这么快 👍"),
        ],
        days_ago=4,
        votes=8,
    ),
    T(
        "Buds Pro 降噪三档怎么选？通勤党的一点经验",
        "huang_jing",
        "每天地铁通勤一个小时，1.4.2 固件的三档降噪用下来：\n\n- 强：地铁里最好用，但是戴久了耳朵有点闷\n"
        "- 中：办公室刚好\n- 弱：走路的时候用，能听到周围的车\n\n[[product:aurora-buds-pro]]",
        [
            R("liu_yang", "同意，强档戴一小时以上确实有压迫感。"),
            R("xu_lei", "请问通话降噪怎么样？我经常在外面打电话。"),
            R("huang_jing", "{prev} 通话还不错，对方说风大的时候声音有点闷，但能听清。", reply_to=3),
            R("zhou_tao", "耳塞换大号之后降噪效果明显变好，建议先做一下 App 里的贴合度测试。"),
        ],
        days_ago=9,
        votes=6,
    ),
    T(
        "智能家居中枢接入米家以外的设备，分享一下我的配置",
        "zhou_tao",
        "家里有二十多个 Zigbee 设备，之前分散在三个 App 里。换了 Home Hub 之后全部接进来了，自动化也都在本地跑，"
        "断网也不影响。\n\n我的几个常用自动化：\n\n1. 晚上十点后走廊有人自动开灯（亮度 10%）\n"
        "2. 湿度超过 70% 自动开浴室排风\n3. 全家手机离开家，空调自动关闭\n\n[[product:home-hub]]",
        [
            R("wang.hao", "请问 Matter 设备的配对稳定吗？我有几个插座一直掉线。"),
            R("zhou_tao", "{prev} 插座掉线一般是信号问题，中枢别放在柜子里，离路由器远一点。", reply_to=2),
            R("wang.hao", "{prev} 原来如此，我的中枢就在路由器旁边，今晚挪一下。", reply_to=3),
            R("chen_yu", "收藏了，正准备入手。"),
        ],
        days_ago=16,
        votes=9,
    ),
    T(
        "65W 充电器值得买吗？实测数据",
        "liu_yang",
        "用原装 65W 充电器给 Aurora 14 充电的实测：\n\n- 10% 到 50%：14 分钟\n- 10% 到 80%：29 分钟\n"
        "- 充满：约 55 分钟\n\n还能给笔记本充电，出差只带一个头就够了。\n\n[[product:usb-c-charger-65w]]",
        [
            R("xu_lei", "比我用的 33W 快了一倍，心动了。"),
            R("lin_xiao", "充电的时候发热怎么样？"),
            R("liu_yang", "{prev} 背面最高 39 度左右，可以接受。", reply_to=3),
        ],
        days_ago=20,
        votes=5,
    ),
    T(
        "新人报到，来自成都",
        "xu_lei",
        "大家好，刚入手 Aurora 14，之前一直潜水看帖。以后请多指教！",
        [
            R("zhang_min", "欢迎欢迎！有问题随时发帖。"),
            R("liu_yang", "成都老乡你好 👋"),
            R("chen_yu", "欢迎！建议先看看置顶的内测帖，很多问题那里都有答案。"),
        ],
        days_ago=7,
        votes=3,
    ),
    T(
        "Aurora 14 硅胶壳和手机颜色怎么搭配？",
        "lin_xiao",
        "黑色手机想配一个浅色的壳，鼠尾草绿和沙色哪个更好看？有没有实物图？\n\n[[product:aurora-14-case]]",
        [
            R("zhang_min", "我是森林绿手机配鼠尾草绿的壳，同色系很和谐。"),
            R("huang_jing", "沙色容易染色，牛仔裤口袋放久了会发蓝，建议鼠尾草绿。"),
            R("lin_xiao", "{prev} 好的，那就鼠尾草绿了，谢谢！", reply_to=3),
        ],
        days_ago=11,
        votes=4,
    ),
]
