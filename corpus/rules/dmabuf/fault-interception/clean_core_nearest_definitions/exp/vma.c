/* The exporter's helper: flags and private data, no vm_ops. */
#include <linux/mm.h>

struct core_buffer;

void core_setup_vma(struct vm_area_struct *vma, struct core_buffer *b)
{
	vm_flags_set(vma, VM_DONTEXPAND);
	vma->vm_private_data = b;
}
