import type { AgreementKind } from '@ideasphere/shared';

/**
 * The Chinese templates. `{{name}}` is filled from the agreement's variables
 * (fillAgreementTemplate); the sender may then edit the text before sending. These are starting
 * points written for the platform, not legal advice: each organisation has its texts reviewed.
 */
export const templatesZh: Record<AgreementKind, string> = {
  nda: `甲方：{{partyA}}
乙方：{{partyB}}

鉴于双方就“{{challengeTitle}}”及方案“{{proposalTitle}}”进行交流，为保护交流中披露的保密信息，双方订立本保密协议。

第一条 保密信息
保密信息指一方以书面、口头或电子形式向另一方披露的、未公开的技术信息、经营信息及其他商业秘密。

第二条 保密义务
接收方应对保密信息严格保密，仅为评估合作之目的使用，未经披露方书面同意，不得向任何第三方披露。

第三条 期限
本协议自 {{startDate}} 起生效，保密义务持续至 {{endDate}}，期满后对已披露的商业秘密仍负保密义务。

第四条 其他
本协议适用中华人民共和国法律。双方同意以电子签名方式签署本协议，电子签名与手写签名具有同等效力。`,

  cooperation: `甲方：{{partyA}}
乙方：{{partyB}}

根据甲方发布的挑战“{{challengeTitle}}”及乙方提交的方案“{{proposalTitle}}”，双方经友好协商，就合作事项达成如下协议。

第一条 合作内容
乙方按照其方案为甲方提供研发与实施服务，甲方提供必要的数据、场地与人员配合。

第二条 报酬
甲方向乙方支付报酬：{{reward}}。付款方式与节点由双方另行书面确认。

第三条 合作期限
自 {{startDate}} 起至 {{endDate}} 止。

第四条 知识产权
合作中产生的知识产权归属由双方另行约定；未约定的，归完成方所有，另一方在合作范围内享有免费使用权。

第五条 保密
双方对合作中知悉的对方保密信息负有保密义务。

第六条 争议解决
本协议适用中华人民共和国法律。因本协议产生的争议，双方应协商解决；协商不成的，提交甲方所在地人民法院诉讼解决。

第七条 电子签署
双方同意以电子签名方式签署本协议，电子签名与手写签名具有同等效力。`,

  ip_licence: `许可方（甲方）：{{partyA}}
被许可方（乙方）：{{partyB}}

就方案“{{proposalTitle}}”（挑战“{{challengeTitle}}”）所涉知识产权，双方达成如下许可协议。

第一条 许可范围
甲方许可乙方在合作项目范围内非独占地使用上述知识产权。

第二条 许可费
许可费为：{{reward}}。

第三条 许可期限
自 {{startDate}} 起至 {{endDate}} 止。

第四条 其他
乙方不得转许可。本协议适用中华人民共和国法律。双方同意以电子签名方式签署本协议。`,

  ip_assignment: `转让方（甲方）：{{partyA}}
受让方（乙方）：{{partyB}}

就方案“{{proposalTitle}}”（挑战“{{challengeTitle}}”）所涉知识产权，双方达成如下转让协议。

第一条 转让标的
甲方将上述方案所涉的全部知识产权转让给乙方。

第二条 转让价款
转让价款为：{{reward}}。

第三条 生效
本协议自 {{startDate}} 起生效。甲方保证对转让标的享有完整权利。

第四条 其他
本协议适用中华人民共和国法律。双方同意以电子签名方式签署本协议。`,
};
